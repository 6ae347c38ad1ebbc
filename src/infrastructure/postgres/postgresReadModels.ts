import {
  isSideCopy,
  SIDE_COPY_SEPARATOR,
  type FindQuery,
  type FoundPage,
  type KeptTotal,
  type PlannedWrite,
  type ReadModelDocument,
  type ReadModels,
  type ReadModelSwap,
  type ReadModelTransaction,
  type StoredReadModelDocument,
  type TextMatch,
} from '../../application/ports/readModels.js';
import { BufferedReadModelTransaction, writeRowsByTable, type Place } from './bufferedReadModelTransaction.js';
import { createReadModelsSchema, FILTER_FIELDS, ReadModelsTables, sideTableStatements, swapPartition, switchReadinessStatements } from './readModelsSchema.js';
import { PREPARED, type QueryOptions, type SqlClient, type SqlQueryable } from './sqlClient.js';

export interface PostgresReadModelsOptions {
  schema?: string;
  /** Whether close() also closes the SQL client (false when it is shared with the event store). */
  ownsClient?: boolean;
  /** Collections given a partition of their own from the start (the projections'); any other shares the default one. */
  collections?: readonly string[];
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INDEXED = new Set<string>(FILTER_FIELDS);

/** The live collection a side copy's collection (`orders__rebuild`) replaces. */
const liveNameOf = (side: string) => side.slice(0, side.indexOf(SIDE_COPY_SEPARATOR));

/**
 * Read models as JSONB on PostgreSQL or PGlite; checkpoint and documents commit in one transaction. Live documents
 * are partitioned by collection; a side copy (isSideCopy) is kept in an unlogged table of its own, without the find
 * indexes, whose rows carry the live collection's name: promoting it swaps it in as that collection's partition.
 */
export class PostgresReadModels implements ReadModels {
  private readonly table: string;
  private readonly checkpoints: string;
  private readonly asideCheckpoints: string;
  private readonly filterFields: string;
  /**
   * A live collection with a partition of its own is read and written there, not through the partitioned table: a
   * prepared statement on that one locks every partition and index at each execution and routes every row.
   */
  private readonly placeOf = (collection: string): Place => {
    if (isSideCopy(collection)) return { table: this.tables.table(collection), key: liveNameOf(collection) };
    return { table: this.partitioned.has(collection) ? this.tables.table(collection) : this.table, key: collection };
  };
  private readonly checkpointsOf = (projection: string) => (isSideCopy(projection) ? this.asideCheckpoints : this.checkpoints);

  private constructor(
    private readonly sql: SqlClient,
    private readonly ownsClient: boolean,
    private readonly tables: ReadModelsTables,
    /** Collections with a partition of their own (a partition, once made, stays, under the same name). */
    private readonly partitioned: Set<string>,
  ) {
    this.table = tables.documents;
    this.checkpoints = tables.checkpoints;
    this.asideCheckpoints = tables.sideCheckpoints;
    this.filterFields = tables.filterFields;
  }

  static async create(sql: SqlClient, options: PostgresReadModelsOptions = {}): Promise<PostgresReadModels> {
    const tables = new ReadModelsTables(options.schema ?? 'synchub');
    const partitioned = await sql.transaction((tx) => createReadModelsSchema(tx, tables, [...new Set(options.collections ?? [])]));
    return new PostgresReadModels(sql, options.ownsClient ?? true, tables, partitioned);
  }

  async transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    await this.sql.transaction(async (tx) => {
      if (!isSideCopy(projection)) await this.lockForWriting(tx);
      // One statement creates the checkpoint row if need be and locks it: the lock serialises concurrent runners of
      // the same projection, across processes.
      const { rows } = await tx.query<{ position: string | number | null }>(
        `INSERT INTO ${this.checkpointsOf(projection)} AS c (projection, position) VALUES ($1, NULL)
         ON CONFLICT (projection) DO UPDATE SET position = c.position RETURNING c.position`,
        [projection],
        PREPARED,
      );
      const current = rows[0]?.position == null ? undefined : Number(rows[0].position);
      const buffered = new BufferedReadModelTransaction(tx, this.placeOf, current);
      const position = await work(buffered);
      await buffered.flush();
      await tx.query(`UPDATE ${this.checkpointsOf(projection)} SET position = $2 WHERE projection = $1`, [projection, position], PREPARED);
    });
  }

  /**
   * One statement, so one round trip and its own transaction: the checkpoint moves only from `from` (waiting for the
   * row lock of a runner committing meanwhile, or created when `from` is 0 and there is none), and the documents are
   * written only if it moved.
   */
  async commitPlanned(projection: string, { from, to, writes }: { from: number; to: number; writes: Iterable<PlannedWrite> }): Promise<boolean> {
    const checkpoints = this.checkpointsOf(projection);
    const planned = [...writes];
    // A side copy's projection writes only side collections, a live one only live ones: each has its own checkpoints.
    const stray = planned.find(({ collection }) => isSideCopy(collection) !== isSideCopy(projection));
    if (stray) throw new Error(`Projection ${projection} cannot write ${stray.collection}: a side copy and a live read model are kept apart`);
    const params: unknown[] = [projection, from, to];
    // Each table written (a side copy's collections have one each) gets its upsert and its delete, its rows two parameters.
    const written = [...writeRowsByTable(planned, this.placeOf)].map(([table, { upserts, deletes }], n) => {
      params.push(JSON.stringify(upserts), JSON.stringify(deletes));
      const [upserted, deleted] = [params.length - 1, params.length];
      return `, upserted_${n} AS (
         INSERT INTO ${table} (collection, id, doc)
         SELECT x->>'c', x->>'i', x->'d' FROM jsonb_array_elements($${upserted}::jsonb) AS x WHERE EXISTS (SELECT FROM moved)
         ON CONFLICT (collection, id) DO UPDATE SET doc = EXCLUDED.doc
       ), deleted_${n} AS (
         DELETE FROM ${table} t USING jsonb_array_elements($${deleted}::jsonb) AS x
          WHERE EXISTS (SELECT FROM moved) AND t.collection = x->>'c' AND t.id = x->>'i'
       )`;
    });
    const { rows } = await this.sql.query<{ moved: number }>(
      `WITH updated AS (
         UPDATE ${checkpoints} SET position = $3::bigint WHERE projection = $1 AND coalesce(position, 0) = $2::bigint RETURNING 1
       ), created AS (
         INSERT INTO ${checkpoints} (projection, position) SELECT $1, $3::bigint
          WHERE $2::bigint = 0 AND NOT EXISTS (SELECT FROM ${checkpoints} WHERE projection = $1)
         ON CONFLICT (projection) DO NOTHING RETURNING 1
       ), moved AS (
         SELECT FROM updated UNION ALL SELECT FROM created
       )${written.join('')}
       SELECT count(*)::int AS moved FROM moved`,
      params,
      PREPARED,
    );
    return rows[0].moved === 1;
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    const { rows } = await this.sql.query<{ position: string | number | null }>(
      `SELECT position FROM ${this.checkpointsOf(projection)} WHERE projection = $1`,
      [projection],
      PREPARED,
    );
    return rows[0]?.position == null ? undefined : Number(rows[0].position);
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const { table, key } = this.placeOf(collection);
    const { rows } = await this.sql.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE collection = $1 AND id = $2`, [key, id], PREPARED);
    return rows[0]?.doc;
  }

  async getMany<T extends ReadModelDocument>(
    collection: string,
    ids: readonly string[],
    options: Pick<FindQuery, 'omit' | 'pick'> = {},
  ): Promise<StoredReadModelDocument<T>[]> {
    if (ids.length === 0) return [];
    const shape = documentShape(options);
    const { table, key } = this.placeOf(collection);
    // One primary-key probe per id, whatever the statistics: before a table's first ANALYZE the prepared plan of
    // `id = ANY($2)` scanned the whole collection (4.7 ms for 100 ids among 2 695 articles), for every call.
    const { rows } = await this.sql.query<Record<string, unknown> & { id: string }>(
      `SELECT id, ${shape.columns} FROM unnest($2::text[]) AS wanted(key)
       CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE collection = $1 AND id = wanted.key OFFSET 0) found`,
      [key, [...new Set(ids)]],
      PREPARED,
    );
    return rows.map((row) => ({ id: row.id, doc: shape.read(row) as T }));
  }

  async find<T extends ReadModelDocument>(collection: string, query: FindQuery = {}): Promise<T[]> {
    const { table, key } = this.placeOf(collection);
    const params: unknown[] = [key, query.limit ?? null, query.offset ?? 0];
    const matches = this.matches(query, params);
    const shape = documentShape(query);
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `SELECT ${shape.columns} FROM ${table} WHERE ${matches.sql}${keysetSql(query, params)} ORDER BY ${orderSql(query.orderBy)} LIMIT $2 OFFSET $3`,
      params,
      matches.options,
    );
    return rows.map((row) => shape.read(row) as T);
  }

  async count(collection: string, where: FindQuery['where'] = {}, matching?: TextMatch): Promise<number> {
    const { table, key } = this.placeOf(collection);
    const params: unknown[] = [key];
    const matches = this.matches({ where, matching }, params);
    const { rows } = await this.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${table} WHERE ${matches.sql}`,
      params,
      matches.options,
    );
    return Number(rows[0].n);
  }

  async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    const { table, key } = this.placeOf(collection);
    const params: unknown[] = [key, query.limit ?? null, query.offset ?? 0];
    const matches = this.matches(query, params);
    const shape = documentShape(query);
    // The total is an uncorrelated subquery, computed once, in the statement's snapshot, so it agrees with the page.
    const totalSql = this.totalSql(collection, matches.sql, keptTotal, params);
    const { rows } = await this.sql.query<Record<string, unknown> & { total: string | number }>(
      `SELECT (${totalSql}) AS total, ${shape.columns} FROM ${table}
        WHERE ${matches.sql}${keysetSql(query, params)} ORDER BY ${orderSql(query.orderBy)} LIMIT $2 OFFSET $3`,
      params,
      matches.options,
    );
    if (rows.length > 0) return { total: Number(rows[0].total), items: rows.map((row) => shape.read(row) as T) };
    // An empty page (past the end, or nothing matches) carries no total: it is read on its own.
    const totalParams: unknown[] = keptTotal ? [] : [key];
    const counted = keptTotal ? { sql: '', options: PREPARED } : this.matches(query, totalParams);
    const total = await this.sql.query<{ total: string | number }>(
      `SELECT (${this.totalSql(collection, counted.sql, keptTotal, totalParams)}) AS total`,
      totalParams,
      counted.options,
    );
    return { total: Number(total.rows[0].total), items: [] };
  }

  /** The matches counted, or the kept counts summed (its own parameters appended, the matches not used). */
  private totalSql(collection: string, matches: string, keptTotal: KeptTotal | undefined, params: unknown[]): string {
    if (!keptTotal) return `SELECT count(*) FROM ${this.placeOf(collection).table} WHERE ${matches}`;
    const kept = this.placeOf(keptTotal.collection);
    params.push(kept.key, JSON.stringify(keptTotal.where ?? {}));
    return `SELECT coalesce(sum((doc->>'${checkedField(keptTotal.field, 'sum')}')::numeric), 0) FROM ${kept.table}
             WHERE collection = $${params.length - 1} AND doc @> $${params.length}::jsonb`;
  }

  /**
   * The condition a find's documents meet (the collection is $1): an equality per field decides, which the planner
   * estimates from the field's statistics; the same filter on the indexed fields, when it names any, lets it reach
   * selective matches (a product by SKU) through the GIN index (nulls and false are left to the equalities: the index
   * leaves them out). A statement whose best plan depends on the values (how many an indexed filter or a text search
   * selects) is planned for each call; any other is prepared.
   */
  private matches({ where = {}, whereIn, matching }: Pick<FindQuery, 'where' | 'whereIn' | 'matching'>, params: unknown[]): { sql: string; options?: QueryOptions } {
    const filters = Object.entries(where).filter(([, value]) => value !== undefined);
    let sql = 'collection = $1';
    for (const [field, value] of filters) {
      params.push(JSON.stringify(value));
      sql += ` AND doc->'${checkedField(field, 'filter on')}' = $${params.length}::jsonb`;
    }
    const indexed = filters.filter(([field, value]) => value !== null && value !== false && INDEXED.has(field));
    if (indexed.length > 0) {
      params.push(JSON.stringify(Object.fromEntries(indexed)));
      sql += ` AND ${this.filterFields} @> $${params.length}::jsonb`;
    }
    const text = textMatchSql(matching, params);
    const any = whereIn ? this.anyOf(whereIn, params) : '';
    return { sql: sql + text + any, options: indexed.length === 0 && text === '' && !whereIn ? PREPARED : undefined };
  }

  /** One of the values; on an indexed field also one containment per value, which the planner ORs over the GIN index. */
  private anyOf({ field, values }: NonNullable<FindQuery['whereIn']>, params: unknown[]): string {
    if (values.length === 0) return ' AND false';
    params.push(values.map((value) => JSON.stringify(value)));
    let sql = ` AND doc->'${checkedField(field, 'filter on')}' = ANY($${params.length}::jsonb[])`;
    if (INDEXED.has(field)) {
      const contains = values.map((value) => {
        params.push(JSON.stringify({ [field]: value }));
        return `${this.filterFields} @> $${params.length}::jsonb`;
      });
      sql += ` AND (${contains.join(' OR ')})`;
    }
    return sql;
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const live = collections.filter((collection) => !isSideCopy(collection));
      if (live.length > 0) await this.lockForWriting(tx);
      await tx.query(`SELECT position FROM ${this.checkpointsOf(projection)} WHERE projection = $1 FOR UPDATE`, [projection]);
      if (live.length > 0) await tx.query(`DELETE FROM ${this.table} WHERE collection = ANY($1::text[])`, [live]);
      // A side copy's table is made again, empty and unlogged, whatever an earlier build left of it.
      for (const side of collections.filter(isSideCopy)) {
        for (const statement of sideTableStatements(this.tables, side, liveNameOf(side))) await tx.query(statement);
      }
      await tx.query(`DELETE FROM ${this.checkpointsOf(projection)} WHERE projection = $1`, [projection]);
    });
  }

  async scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]> {
    // COLLATE "C": byte order, the same order as MongoDB's and JavaScript's for the ASCII ids we use.
    const { table, key } = this.placeOf(collection);
    const { rows } = await this.sql.query<{ id: string; doc: ReadModelDocument }>(
      `SELECT id, doc FROM ${table} WHERE collection = $1 AND id COLLATE "C" > $2 ORDER BY id COLLATE "C" LIMIT $3`,
      [key, page.afterId ?? '', page.limit],
    );
    return rows;
  }

  async promote(
    swap: ReadModelSwap,
    catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>,
  ): Promise<void> {
    // The costly part before the switch, while the live read model is still served and written: the side copies made
    // durable, indexed and analysed.
    for (const { live, side } of swap.collections) {
      if (!isSideCopy(side) || liveNameOf(side) !== live) throw new Error(`${side} is not a side copy of ${live}: name it ${live}${SIDE_COPY_SEPARATOR}<purpose>`);
      for (const statement of await switchReadinessStatements(this.sql, this.tables, side, live)) await this.sql.query(statement);
    }
    await this.sql.transaction(async (tx) => {
      // Live writers wait from here to the commit, those writing a partition directly too (the lock takes every
      // partition); readers only for the swap itself (detaching takes the table whole).
      await tx.query(`LOCK TABLE ${this.table} IN EXCLUSIVE MODE`);
      await tx.query(`INSERT INTO ${this.checkpointsOf(swap.live)} (projection, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`, [swap.live]);
      // The live runner's next batch waits on this lock, then finds the new checkpoint and documents.
      const live = await tx.query<{ position: string | number | null }>(
        `SELECT position FROM ${this.checkpointsOf(swap.live)} WHERE projection = $1 FOR UPDATE`,
        [swap.live],
      );
      const side = await tx.query<{ position: string | number | null }>(
        `SELECT position FROM ${this.checkpointsOf(swap.side)} WHERE projection = $1 FOR UPDATE`,
        [swap.side],
      );
      const liveCheckpoint = live.rows[0]?.position == null ? undefined : Number(live.rows[0].position);
      const sideCheckpoint = side.rows[0]?.position == null ? undefined : Number(side.rows[0].position);
      const buffered = new BufferedReadModelTransaction(tx, this.placeOf, sideCheckpoint);
      const position = await catchUp(buffered, liveCheckpoint);
      if (position < (liveCheckpoint ?? 0)) {
        throw new Error(`The copy of ${swap.live} built aside stops at ${position}, behind the live read model at ${liveCheckpoint}`);
      }
      await buffered.flush();
      // No document is copied: each side table becomes its live collection's partition.
      for (const { live, side } of swap.collections) await swapPartition(tx, this.tables, side, live);
      await tx.query(`UPDATE ${this.checkpointsOf(swap.live)} SET position = $2 WHERE projection = $1`, [swap.live, position]);
      await tx.query(`DELETE FROM ${this.checkpointsOf(swap.side)} WHERE projection = $1`, [swap.side]);
    });
    for (const { live } of swap.collections) this.partitioned.add(live);
  }

  /**
   * Live documents' table before a checkpoint, in every writer's transaction: one statement (commitPlanned) takes its
   * tables before the checkpoint's row, and a switch takes the tables first; in that one order, no two of them can
   * wait on each other (a switch holding a checkpoint while a commit holds the table was a deadlock). The partitioned
   * table alone: a switch's lock on it conflicts already.
   */
  private async lockForWriting(tx: SqlQueryable): Promise<void> {
    await tx.query(`LOCK TABLE ONLY ${this.table} IN ROW EXCLUSIVE MODE`);
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.sql.close();
  }
}

function checkedField(field: string, use: string): string {
  if (!FIELD.test(field)) throw new Error(`Cannot ${use} "${field}"`);
  return field;
}

/**
 * The columns a find selects and how a row becomes the document: the picked fields, one column each (cheaper for
 * the server than building an object); or the whole document less the omitted fields, cut in the database so that
 * a large field (an order's feed) is neither sent nor parsed.
 */
function documentShape({ pick, omit = [] }: Pick<FindQuery, 'pick' | 'omit'>): { columns: string; read(row: Record<string, unknown>): ReadModelDocument } {
  if (pick) {
    if (pick.length === 0) throw new Error('Pick at least one field');
    const named = pick.map((field, i) => ({ field: checkedField(field, 'pick'), column: `f${i}` }));
    return {
      columns: named.map(({ field, column }) => `doc->'${field}' AS ${column}`).join(', '),
      read: (row) => {
        const doc: ReadModelDocument = {};
        for (const { field, column } of named) doc[field] = row[column];
        return doc;
      },
    };
  }
  return { columns: `doc${omit.map((field) => ` - '${checkedField(field, 'leave out')}'`).join('')} AS doc`, read: (row) => row.doc as ReadModelDocument };
}

/** What a find sorts by: the field, then the id, in one direction. */
function orderSql(orderBy: FindQuery['orderBy']): string {
  if (!orderBy) return 'id';
  const direction = orderBy.descending ? 'DESC' : 'ASC';
  return `doc->'${checkedField(orderBy.field, 'sort by')}' ${direction}, id ${direction}`;
}

/**
 * The keyset bound of a find, after its (sort field, id) pair in the find's order, with its parameters appended. Row
 * comparison keeps it one range of the (collection, field, id) index when there is one (orders by createdAt). A
 * missing field is SQL NULL, which sorts last ascending and first descending.
 */
function keysetSql({ orderBy, after }: Pick<FindQuery, 'orderBy' | 'after'>, params: unknown[]): string {
  if (!after) return '';
  params.push(after.id);
  const id = `$${params.length}`;
  if (!orderBy) return ` AND id > ${id}`;
  const field = `doc->'${checkedField(orderBy.field, 'sort by')}'`;
  if (after.value === null) return orderBy.descending ? ` AND (${field} IS NOT NULL OR id < ${id})` : ` AND ${field} IS NULL AND id > ${id}`;
  params.push(JSON.stringify(after.value));
  const value = `$${params.length}::jsonb`;
  return orderBy.descending ? ` AND (${field}, id) < (${value}, ${id})` : ` AND ((${field}, id) > (${value}, ${id}) OR ${field} IS NULL)`;
}

/** Appends the search text as a parameter and returns the condition; LIKE wildcards in the text match literally. */
function textMatchSql(matching: TextMatch | undefined, params: unknown[]): string {
  if (!matching || matching.fields.length === 0) return '';
  for (const field of matching.fields) checkedField(field, 'search field');
  params.push(`%${matching.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const placeholder = `$${params.length}`;
  return ` AND (${matching.fields.map((f) => `doc->>'${f}' ILIKE ${placeholder}`).join(' OR ')})`;
}

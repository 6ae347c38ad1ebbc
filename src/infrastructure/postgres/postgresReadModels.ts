import type {
  FindQuery,
  ReadModelDocument,
  ReadModels,
  ReadModelSwap,
  ReadModelTransaction,
  StoredReadModelDocument,
  TextMatch,
} from '../../application/ports/readModels.js';
import { BufferedReadModelTransaction } from './bufferedReadModelTransaction.js';
import { FILTER_FIELDS, readModelsSchemaSql } from './readModelsSchema.js';
import { PREPARED, quoteSchema, type SqlClient } from './sqlClient.js';

export interface PostgresReadModelsOptions {
  schema?: string;
  /** Whether close() also closes the SQL client (false when it is shared with the event store). */
  ownsClient?: boolean;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INDEXED = new Set<string>(FILTER_FIELDS);

/** Read models as JSONB on PostgreSQL or PGlite; checkpoint and documents commit in one transaction. */
export class PostgresReadModels implements ReadModels {
  private readonly table: string;
  private readonly checkpoints: string;
  private readonly filterFields: string;

  private constructor(
    private readonly sql: SqlClient,
    private readonly ownsClient: boolean,
    schema: string,
  ) {
    this.table = `${quoteSchema(schema)}.read_models`;
    this.checkpoints = `${quoteSchema(schema)}.projection_checkpoints`;
    this.filterFields = `${quoteSchema(schema)}.filter_fields(doc)`;
  }

  static async create(sql: SqlClient, options: PostgresReadModelsOptions = {}): Promise<PostgresReadModels> {
    const schema = options.schema ?? 'synchub';
    await sql.exec(readModelsSchemaSql(schema));
    return new PostgresReadModels(sql, options.ownsClient ?? true, schema);
  }

  async transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    await this.sql.transaction(async (tx) => {
      // One statement creates the checkpoint row if need be and locks it: the lock serialises concurrent runners of
      // the same projection, across processes.
      const { rows } = await tx.query<{ position: string | number | null }>(
        `INSERT INTO ${this.checkpoints} AS c (projection, position) VALUES ($1, NULL)
         ON CONFLICT (projection) DO UPDATE SET position = c.position RETURNING c.position`,
        [projection],
        PREPARED,
      );
      const current = rows[0]?.position == null ? undefined : Number(rows[0].position);
      const buffered = new BufferedReadModelTransaction(tx, this.table, current);
      const position = await work(buffered);
      await buffered.flush();
      await tx.query(`UPDATE ${this.checkpoints} SET position = $2 WHERE projection = $1`, [projection, position], PREPARED);
    });
  }

  /**
   * The plain containment ($2) decides; the same filter on the indexed fields, when it names any, lets the planner
   * reach selective matches (a product by SKU) through the GIN index. Nulls and false are left to the plain one: the
   * index leaves them out.
   */
  private filtered(where: FindQuery['where'] = {}, params: unknown[]): string {
    const indexed = Object.entries(where).filter(([field, value]) => value !== null && value !== false && INDEXED.has(field));
    if (indexed.length === 0) return 'doc @> $2::jsonb';
    params.push(JSON.stringify(Object.fromEntries(indexed)));
    return `doc @> $2::jsonb AND ${this.filterFields} @> $${params.length}::jsonb`;
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    const { rows } = await this.sql.query<{ position: string | number | null }>(
      `SELECT position FROM ${this.checkpoints} WHERE projection = $1`,
      [projection],
      PREPARED,
    );
    return rows[0]?.position == null ? undefined : Number(rows[0].position);
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const { rows } = await this.sql.query<{ doc: T }>(
      `SELECT doc FROM ${this.table} WHERE collection = $1 AND id = $2`,
      [collection, id],
      PREPARED,
    );
    return rows[0]?.doc;
  }

  async find<T extends ReadModelDocument>(collection: string, query: FindQuery = {}): Promise<T[]> {
    const params: unknown[] = [collection, JSON.stringify(query.where ?? {})];
    let order = 'id';
    if (query.orderBy) {
      if (!FIELD.test(query.orderBy.field)) throw new Error(`Cannot sort by "${query.orderBy.field}"`);
      const direction = query.orderBy.descending ? 'DESC' : 'ASC';
      order = `doc->'${query.orderBy.field}' ${direction}, id ${direction}`;
    }
    params.push(query.limit ?? null, query.offset ?? 0);
    // Left out in the database, so a large field (an order's feed) is neither sent nor parsed.
    const omitted = (query.omit ?? []).map((field) => {
      if (!FIELD.test(field)) throw new Error(`Cannot leave out "${field}"`);
      return ` - '${field}'`;
    });
    const { rows } = await this.sql.query<{ doc: T }>(
      `SELECT doc${omitted.join('')} AS doc FROM ${this.table} WHERE collection = $1 AND ${this.filtered(query.where, params)} ${textMatchSql(query.matching, params)}
        ORDER BY ${order} LIMIT $3 OFFSET $4`,
      params,
    );
    return rows.map((r) => r.doc);
  }

  async count(collection: string, where: FindQuery['where'] = {}, matching?: TextMatch): Promise<number> {
    const params: unknown[] = [collection, JSON.stringify(where)];
    const { rows } = await this.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${this.table} WHERE collection = $1 AND ${this.filtered(where, params)} ${textMatchSql(matching, params)}`,
      params,
    );
    return Number(rows[0].n);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`SELECT position FROM ${this.checkpoints} WHERE projection = $1 FOR UPDATE`, [projection]);
      await tx.query(`DELETE FROM ${this.table} WHERE collection = ANY($1::text[])`, [collections]);
      await tx.query(`DELETE FROM ${this.checkpoints} WHERE projection = $1`, [projection]);
    });
  }

  async scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]> {
    // COLLATE "C": byte order, the same order as MongoDB's and JavaScript's for the ASCII ids we use.
    const { rows } = await this.sql.query<{ id: string; doc: ReadModelDocument }>(
      `SELECT id, doc FROM ${this.table} WHERE collection = $1 AND id COLLATE "C" > $2 ORDER BY id COLLATE "C" LIMIT $3`,
      [collection, page.afterId ?? '', page.limit],
    );
    return rows;
  }

  async promote(
    swap: ReadModelSwap,
    catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>,
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${this.checkpoints} (projection, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`, [swap.live]);
      // The live runner's next batch waits on this lock, then finds the new checkpoint and documents.
      const live = await tx.query<{ position: string | number | null }>(
        `SELECT position FROM ${this.checkpoints} WHERE projection = $1 FOR UPDATE`,
        [swap.live],
      );
      const side = await tx.query<{ position: string | number | null }>(
        `SELECT position FROM ${this.checkpoints} WHERE projection = $1 FOR UPDATE`,
        [swap.side],
      );
      const liveCheckpoint = live.rows[0]?.position == null ? undefined : Number(live.rows[0].position);
      const sideCheckpoint = side.rows[0]?.position == null ? undefined : Number(side.rows[0].position);
      const buffered = new BufferedReadModelTransaction(tx, this.table, sideCheckpoint);
      const position = await catchUp(buffered, liveCheckpoint);
      if (position < (liveCheckpoint ?? 0)) {
        throw new Error(`The copy of ${swap.live} built aside stops at ${position}, behind the live read model at ${liveCheckpoint}`);
      }
      await buffered.flush();
      for (const { live: liveCollection, side: sideCollection } of swap.collections) {
        await tx.query(`DELETE FROM ${this.table} WHERE collection = $1`, [liveCollection]);
        await tx.query(`UPDATE ${this.table} SET collection = $1 WHERE collection = $2`, [liveCollection, sideCollection]);
      }
      await tx.query(`UPDATE ${this.checkpoints} SET position = $2 WHERE projection = $1`, [swap.live, position]);
      await tx.query(`DELETE FROM ${this.checkpoints} WHERE projection = $1`, [swap.side]);
    });
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.sql.close();
  }
}

/** Appends the search text as a parameter and returns the condition; LIKE wildcards in the text match literally. */
function textMatchSql(matching: TextMatch | undefined, params: unknown[]): string {
  if (!matching || matching.fields.length === 0) return '';
  for (const field of matching.fields) {
    if (!FIELD.test(field)) throw new Error(`Cannot search field "${field}"`);
  }
  params.push(`%${matching.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const placeholder = `$${params.length}`;
  return `AND (${matching.fields.map((f) => `doc->>'${f}' ILIKE ${placeholder}`).join(' OR ')})`;
}

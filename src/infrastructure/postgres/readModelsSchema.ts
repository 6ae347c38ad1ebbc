import { randomBytes } from 'node:crypto';
import { quoteSchema, type SqlQueryable } from './sqlClient.js';

/**
 * The top-level fields the application's finds filter on, less those too common to narrow a search (`source`). A find
 * on a field not listed is still answered correctly, only without the index. Changing the list changes what the
 * index holds: rename the index and function with it.
 */
export const FILTER_FIELDS = [
  'integrationId', 'status', 'runId', 'automation', 'sku', 'nameKey', 'phone', 'tokenHash',
  'pushPending', 'deliveryInfoPending', 'awaitingDelivery', 'syncStock', 'showInEcommerce',
] as const;

/** Every field finds filter on, `source` too: the planner's estimate of how many documents a filter matches. */
const STATISTICS_FIELDS = ['source', ...FILTER_FIELDS];

/** The default partition: no collection's table has this name (a collection's is `read_models_` and its name). */
const SHARED_PARTITION = 'read_models__shared';

/** A collection's own table is this and the collection's name. */
const TABLE_PREFIX = 'read_models_';

/** PostgreSQL's limit on a name; longer ones would be cut, and two collections could meet in one table. */
const MAX_NAME_BYTES = 63;

/** The names of a read-models schema's tables, quoted and qualified. */
export class ReadModelsTables {
  readonly schema: string;
  /** Every live document, partitioned by collection. */
  readonly documents: string;
  readonly checkpoints: string;
  readonly sideCheckpoints: string;
  readonly filterFields: string;

  constructor(schema: string) {
    this.schema = quoteSchema(schema);
    this.documents = `${this.schema}.read_models`;
    this.checkpoints = `${this.schema}.projection_checkpoints`;
    this.sideCheckpoints = `${this.schema}.projection_checkpoints_aside`;
    this.filterFields = `${this.schema}.filter_fields(doc)`;
  }

  /** The bare name of a collection's own table: the live collection's partition, or a side copy's table. */
  tableName(collection: string): string {
    const name = `${TABLE_PREFIX}${collection}`;
    if (Buffer.byteLength(name) > MAX_NAME_BYTES || name.includes('"')) throw new Error(`Collection name "${collection}" cannot name a table`);
    return name;
  }

  /** The collection's own table, quoted and qualified. */
  table(collection: string): string {
    return `${this.schema}."${this.tableName(collection)}"`;
  }
}

/** A value inside DDL, which takes no parameters. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Documents as JSONB keyed by (collection, id), one partition per collection (a rebuilt collection is switched in by
 * swapping its partition, not by copying every document); checkpoints in their own table, written in the same
 * transaction. Statements run one by one, in the caller's transaction.
 */
function readModelsSchemaStatements(tables: ReadModelsTables): string[] {
  const { schema: s, documents } = tables;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${documents} (
      collection text  NOT NULL,
      id         text  NOT NULL,
      doc        jsonb NOT NULL,
      PRIMARY KEY (collection, id)
    ) PARTITION BY LIST (collection)`,
    // The fields finds filter on, as an object: a few GIN entries per document instead of one per nested path. Flags
    // that are false are left out (most documents carry them false): a search for a set flag is what needs the index.
    // PL/pgSQL, not SQL: jsonb_build_object is only stable, so a SQL function is never inlined and runs through the
    // SQL-function executor on each document written (by hand: 1.5x the time; on PGlite a GIN write 1.3x). Same result.
    `CREATE OR REPLACE FUNCTION ${s}.filter_fields(doc jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
      $$ BEGIN RETURN jsonb_strip_nulls(jsonb_build_object(${FILTER_FIELDS.map((field) => `'${field}', nullif(doc->'${field}', 'false')`).join(', ')})); END $$`,
    ...findIndexStatements(tables, documents, 'read_models'),
    // Collections without a partition of their own (those no projection declares) share this one.
    ...partitionStatements(tables, null),
    `CREATE TABLE IF NOT EXISTS ${tables.checkpoints} (projection text PRIMARY KEY, position bigint)`,
    // A side copy's checkpoint, unlogged like the copy's table: a crash empties both together, and a side copy is built
    // again from zero anyway.
    `CREATE UNLOGGED TABLE IF NOT EXISTS ${tables.sideCheckpoints} (projection text PRIMARY KEY, position bigint)`,
  ];
}

/**
 * The indexes finds use, named `<prefix>_fields` and `<prefix>_created_at`: on the partitioned table, and the same on a
 * side copy before it is attached (an index it lacked would be built during the attach, under the switch's lock).
 */
function findIndexStatements(tables: ReadModelsTables, table: string, prefix: string): string[] {
  return [
    // Written through, not through GIN's pending list: while documents are written every search scans that whole list
    // (a product looked up by article during an import took 1-3 ms on it, 0.02 ms without).
    `CREATE INDEX IF NOT EXISTS "${prefix}_fields" ON ${table} USING gin (${tables.filterFields} jsonb_path_ops) WITH (fastupdate = off)`,
    // Lists newest first (orders by createdAt) walk this index and stop at the page instead of sorting every document.
    `CREATE INDEX IF NOT EXISTS "${prefix}_created_at" ON ${table} (collection, (doc->'createdAt'), id)`,
  ];
}

/**
 * A partition's storage and statistics. Documents up to 8 KB stay inline and uncompressed: past the default 2 KB
 * PostgreSQL compresses them, and then every jsonb operator of a find, a filter or an index expression decompresses
 * the whole document again. Statistics of each field finds filter on: without them the planner takes any filter to
 * match a few documents, and answers a deep page of a list that matches most of them by sorting the whole collection.
 */
function partitionStatements(tables: ReadModelsTables, collection: string | null): string[] {
  const name = collection === null ? SHARED_PARTITION : tables.tableName(collection);
  const bound = collection === null ? 'DEFAULT' : `FOR VALUES IN (${literal(collection)})`;
  return [
    `CREATE TABLE IF NOT EXISTS ${tables.schema}."${name}" PARTITION OF ${tables.documents} ${bound} WITH (toast_tuple_target = 8160)`,
    ...statisticsStatements(tables, `${tables.schema}."${name}"`, name),
  ];
}

/** A statistics object holds at most 8 expressions. */
const EXPRESSIONS_PER_STATISTICS = 8;

/**
 * The fields' statistics in two objects rather than one per field: the planner reads each expression's statistics
 * from any object holding it, and a partition's fourteen objects made a new schema 7x slower to create.
 */
function statisticsStatements(tables: ReadModelsTables, table: string, prefix: string): string[] {
  const statements: string[] = [];
  for (let from = 0; from < STATISTICS_FIELDS.length; from += EXPRESSIONS_PER_STATISTICS) {
    const fields = STATISTICS_FIELDS.slice(from, from + EXPRESSIONS_PER_STATISTICS);
    const expressions = fields.map((field) => `(doc->'${field}')`).join(', ');
    statements.push(`CREATE STATISTICS IF NOT EXISTS ${tables.schema}."${prefix}_fields_${statements.length + 1}" (mcv) ON ${expressions} FROM ${table}`);
  }
  return statements;
}

/** Whether the schema keeps an earlier version's one unpartitioned table of documents. */
async function unpartitioned(tx: SqlQueryable, tables: ReadModelsTables): Promise<boolean> {
  const { rows } = await tx.query<{ kind: string | null }>(`SELECT (SELECT relkind FROM pg_class WHERE oid = to_regclass($1))::text AS kind`, [tables.documents]);
  return rows[0]?.kind === 'r';
}

/**
 * Creates the schema, or brings an earlier version's up to date, with a partition for each named collection; under
 * one lock, so processes opening the same schema together do it once. Answers the collections with a partition of
 * their own (those named, and any a rebuild swapped in).
 */
export async function createReadModelsSchema(tx: SqlQueryable, tables: ReadModelsTables, collections: readonly string[]): Promise<Set<string>> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`synchub read models ${tables.schema}`]);
  const earlier = await unpartitioned(tx, tables);
  // An earlier version's table steps aside under another name; its documents are moved into the partitions below.
  if (earlier) {
    await tx.query(`ALTER TABLE ${tables.documents} RENAME TO read_models_unpartitioned`);
    await tx.query(`ALTER TABLE ${tables.schema}.read_models_unpartitioned RENAME CONSTRAINT read_models_pkey TO read_models_unpartitioned_pkey`);
    for (const index of ['read_models_fields', 'read_models_created_at']) await tx.query(`DROP INDEX IF EXISTS ${tables.schema}.${index}`);
    for (const field of STATISTICS_FIELDS) await tx.query(`DROP STATISTICS IF EXISTS ${tables.schema}."read_models_${field}"`);
  }
  for (const statement of readModelsSchemaStatements(tables)) await tx.query(statement);
  const partitioned = await partitionedCollections(tx, tables);
  for (const collection of collections) if (!partitioned.has(collection)) await addPartition(tx, tables, collection);
  if (earlier) {
    await tx.query(`INSERT INTO ${tables.documents} (collection, id, doc) SELECT collection, id, doc FROM ${tables.schema}.read_models_unpartitioned`);
    await tx.query(`DROP TABLE ${tables.schema}.read_models_unpartitioned`);
    // The earlier version's side copies, in one table: they are built again from zero.
    await tx.query(`DROP TABLE IF EXISTS ${tables.schema}.read_models_aside`);
    await tx.query(`DELETE FROM ${tables.sideCheckpoints}`);
  }
  return new Set([...partitioned, ...collections]);
}

/** The collections with a partition of their own. */
async function partitionedCollections(tx: SqlQueryable, tables: ReadModelsTables): Promise<Set<string>> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1) AND c.relname <> $2`,
    [tables.documents, SHARED_PARTITION],
  );
  return new Set(rows.map((row) => row.name.slice(TABLE_PREFIX.length)));
}

/** Gives a collection a partition of its own, moving in what the default partition held of it. */
async function addPartition(tx: SqlQueryable, tables: ReadModelsTables, collection: string): Promise<void> {
  const { rows } = await tx.query<{ held: boolean }>(`SELECT EXISTS (SELECT FROM ${tables.documents} WHERE collection = $1) AS held`, [collection]);
  if (!rows[0].held) {
    for (const statement of partitionStatements(tables, collection)) await tx.query(statement);
    return;
  }
  // A partition cannot be created over documents the default one holds of it: they step aside and move in after.
  await tx.query(`CREATE TEMP TABLE read_models_moving ON COMMIT DROP AS SELECT id, doc FROM ${tables.documents} WHERE collection = ${literal(collection)}`);
  await tx.query(`DELETE FROM ${tables.documents} WHERE collection = $1`, [collection]);
  for (const statement of partitionStatements(tables, collection)) await tx.query(statement);
  await tx.query(`INSERT INTO ${tables.documents} (collection, id, doc) SELECT $1, id, doc FROM pg_temp.read_models_moving`, [collection]);
  await tx.query(`DROP TABLE pg_temp.read_models_moving`);
}

/**
 * A side copy's table, empty: unlogged and with its primary key alone while it is built (no WAL and no find indexes,
 * a fraction of the cost); its rows carry the live collection's name, and a check says so, so that it can become that
 * collection's partition without a scan.
 */
export function sideTableStatements(tables: ReadModelsTables, side: string, live: string): string[] {
  const table = tables.table(side);
  return [
    `DROP TABLE IF EXISTS ${table}`,
    `CREATE UNLOGGED TABLE ${table} (
      collection text  NOT NULL CHECK (collection = ${literal(live)}),
      id         text  NOT NULL,
      doc        jsonb NOT NULL,
      CONSTRAINT "rm_${token()}_pkey" PRIMARY KEY (collection, id)
    ) WITH (toast_tuple_target = 8160)`,
  ];
}

/**
 * Readies a side copy to become a live partition, outside the switch: durable, with the partitioned table's indexes
 * (built in bulk, far cheaper than one document at a time; matching ones are taken over by the attach) and
 * statistics. Answers the statements still to run (none when an earlier switch attempt ran them).
 */
export async function switchReadinessStatements(sql: SqlQueryable, tables: ReadModelsTables, side: string, live: string): Promise<string[]> {
  const table = tables.table(side);
  const { rows } = await sql.query<{ logged: boolean; indexes: number }>(
    `SELECT c.relpersistence = 'p' AS logged, (SELECT count(*)::int FROM pg_index i WHERE i.indrelid = c.oid) AS indexes FROM pg_class c WHERE c.oid = to_regclass($1)`,
    [table],
  );
  // A side copy never written is an empty one.
  const { logged, indexes } = rows[0] ?? { logged: false, indexes: 0 };
  const statements = rows.length === 0 ? sideTableStatements(tables, side, live) : [];
  if (!logged) statements.push(`ALTER TABLE ${table} SET LOGGED`);
  const prefix = `rm_${token()}`;
  const findIndexes = findIndexStatements(tables, table, prefix);
  // Its primary key is the one index it is made with.
  if (indexes < 1 + findIndexes.length) statements.push(...findIndexes, ...statisticsStatements(tables, table, prefix));
  return [...statements, `ANALYZE ${table}`];
}

/**
 * In the switch's transaction: the side copy's table becomes the live collection's partition, and the one it replaces
 * is dropped (or, for a collection sharing the default partition, its documents deleted). The side copy's table is
 * left empty, as after a reset.
 */
export async function swapPartition(tx: SqlQueryable, tables: ReadModelsTables, side: string, live: string): Promise<void> {
  if ((await partitionedCollections(tx, tables)).has(live)) {
    await tx.query(`ALTER TABLE ${tables.documents} DETACH PARTITION ${tables.table(live)}`);
    await tx.query(`DROP TABLE ${tables.table(live)}`);
  } else {
    await tx.query(`DELETE FROM ${tables.documents} WHERE collection = $1`, [live]);
  }
  await tx.query(`ALTER TABLE ${tables.table(side)} RENAME TO "${tables.tableName(live)}"`);
  await tx.query(`ALTER TABLE ${tables.documents} ATTACH PARTITION ${tables.table(live)} FOR VALUES IN (${literal(live)})`);
  for (const statement of sideTableStatements(tables, side, live)) await tx.query(statement);
}

/** A name part no other object of the schema has: objects built for a side copy keep their names once switched in. */
function token(): string {
  return randomBytes(5).toString('hex');
}

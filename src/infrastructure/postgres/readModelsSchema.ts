import { quoteSchema } from './sqlClient.js';

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

/** Documents as JSONB keyed by (collection, id); checkpoints in their own table, written in the same transaction; side copies apart. */
export function readModelsSchemaSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.read_models (
      collection text  NOT NULL,
      id         text  NOT NULL,
      doc        jsonb NOT NULL,
      PRIMARY KEY (collection, id)
    );
    -- Documents up to 8 KB stay inline and uncompressed: past the default 2 KB PostgreSQL compresses them, and then
    -- every jsonb operator of a find, a filter or an index expression decompresses the whole document again.
    ALTER TABLE ${s}.read_models SET (toast_tuple_target = 8160);
    -- The fields finds filter on, as an object: a few GIN entries per document instead of one per nested path. Flags
    -- that are false are left out (most documents carry them false): a search for a set flag is what needs the index.
    -- PL/pgSQL, not SQL: jsonb_build_object is only stable, so a SQL function is never inlined and runs through the
    -- SQL-function executor on each document written (by hand: 1.5x the time; on PGlite a GIN write 1.3x). Same result.
    CREATE OR REPLACE FUNCTION ${s}.filter_fields(doc jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
      $$ BEGIN RETURN jsonb_strip_nulls(jsonb_build_object(${FILTER_FIELDS.map((field) => `'${field}', nullif(doc->'${field}', 'false')`).join(', ')})); END $$;
    CREATE INDEX IF NOT EXISTS read_models_fields ON ${s}.read_models USING gin (${s}.filter_fields(doc) jsonb_path_ops);
    -- Written through, not through GIN's pending list: while documents are written every search scans that whole list
    -- (a product looked up by article during an import took 1-3 ms on it, 0.02 ms without).
    ALTER INDEX ${s}.read_models_fields SET (fastupdate = off);
    DROP INDEX IF EXISTS ${s}.read_models_doc;
    -- Statistics of each field finds filter on: without them the planner takes any filter to match a few documents,
    -- and answers a deep page of a list that matches most of them by sorting the whole collection.
    ${STATISTICS_FIELDS.map((field) => `CREATE STATISTICS IF NOT EXISTS ${s}.read_models_${field} ON ((doc->'${field}')) FROM ${s}.read_models;`).join('\n    ')}
    -- Lists newest first (orders by createdAt) walk this index and stop at the page instead of sorting every document.
    CREATE INDEX IF NOT EXISTS read_models_created_at ON ${s}.read_models (collection, (doc->'createdAt'), id);
    CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      projection text PRIMARY KEY,
      position   bigint
    );
    -- Side copies (a rebuild's, a check's) apart: no WAL and no find indexes while they are built, a fraction of the
    -- cost; a crash empties both tables together, and a side copy is built again from zero anyway.
    CREATE UNLOGGED TABLE IF NOT EXISTS ${s}.read_models_aside (
      collection text  NOT NULL,
      id         text  NOT NULL,
      doc        jsonb NOT NULL,
      PRIMARY KEY (collection, id)
    );
    ALTER TABLE ${s}.read_models_aside SET (toast_tuple_target = 8160);
    CREATE UNLOGGED TABLE IF NOT EXISTS ${s}.projection_checkpoints_aside (
      projection text PRIMARY KEY,
      position   bigint
    );`;
}

import { quoteSchema } from './sqlClient.js';

/** Documents as JSONB keyed by (collection, id); checkpoints in their own table, written in the same transaction. */
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
    -- The top-level scalar fields of a document: all that a find's equality filter can name.
    CREATE OR REPLACE FUNCTION ${s}.filter_fields(doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(doc) WHERE jsonb_typeof(value) NOT IN ('object', 'array') $$;
    -- Serves the equality filters ({"integrationId": …}) of finds; indexing only the scalar fields, not every nested
    -- path (items, feed), keeps each document write cheap.
    CREATE INDEX IF NOT EXISTS read_models_fields ON ${s}.read_models USING gin (${s}.filter_fields(doc) jsonb_path_ops);
    DROP INDEX IF EXISTS ${s}.read_models_doc;
    -- Lists newest first (orders by createdAt) walk this index and stop at the page instead of sorting every document.
    CREATE INDEX IF NOT EXISTS read_models_created_at ON ${s}.read_models (collection, (doc->'createdAt'), id);
    CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      projection text PRIMARY KEY,
      position   bigint
    );`;
}

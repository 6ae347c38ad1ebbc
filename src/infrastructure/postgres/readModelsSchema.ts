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
    -- Serves the containment filters (doc @> '{"integrationId": …}') of list queries.
    CREATE INDEX IF NOT EXISTS read_models_doc ON ${s}.read_models USING gin (doc jsonb_path_ops);
    -- Lists newest first (orders by createdAt) walk this index and stop at the page instead of sorting every document.
    CREATE INDEX IF NOT EXISTS read_models_created_at ON ${s}.read_models (collection, (doc->'createdAt'), id);
    CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      projection text PRIMARY KEY,
      position   bigint
    );`;
}

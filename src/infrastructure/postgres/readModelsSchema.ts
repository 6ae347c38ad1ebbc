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
    CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      projection text PRIMARY KEY,
      position   bigint
    );`;
}

import { quoteSchema } from './sqlClient.js';

/** One table: the global position is the commit order because appends take one advisory lock. */
export function eventStoreSchemaSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.events (
      position    bigserial PRIMARY KEY,
      stream_name text        NOT NULL,
      version     integer     NOT NULL,
      event_id    uuid        NOT NULL,
      type        text        NOT NULL,
      data        jsonb       NOT NULL,
      metadata    jsonb       NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_stream_version UNIQUE (stream_name, version),
      CONSTRAINT events_event_id UNIQUE (event_id)
    );
    -- The audit's "every event of one request or run": events by their correlation id, in log order.
    CREATE INDEX IF NOT EXISTS events_correlation ON ${s}.events ((metadata->>'correlationId'), position);`;
}

/** A stable 32-bit key per schema so stores in different schemas do not wait for each other. */
export function appendLockKey(schema: string): number {
  let hash = 0;
  for (const char of `synchub.events.${schema}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

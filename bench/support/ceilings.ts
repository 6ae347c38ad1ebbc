// The plain ceilings stores are measured against, on a connection of the profile's kind: a bare table with the event
// store's columns and no constraint but the key, written by the plainest statements, and the store's own batches.
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';
import { timed } from './summary.js';

export const BATCH_SIZE = 100;
export type Measure = Awaited<ReturnType<typeof timed>>;

export const eventPayload = (i: number) => ({
  orderId: randomUUID(),
  number: `KC-${i}`,
  status: 'new',
  total: 12_345,
  lines: [{ sku: `SKU-${i % 2000}`, quantity: 2, price: 4_500 }],
});
export const eventBatch = (b: number) => Array.from({ length: BATCH_SIZE }, (_, k) => eventPayload(b * BATCH_SIZE + k));

/** The bare table: one plain INSERT is one commit, so one fsync — the wall an append a time cannot pass. */
export interface BareEvents {
  insertOne(streamName: string, i: number, type?: string): Promise<unknown>;
  /** One multi-row INSERT of 100 events. */
  insertBatch(streamName: string, b: number): Promise<unknown>;
}

export async function createBareEvents(sql: SqlClient, schema: string): Promise<BareEvents> {
  await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; CREATE TABLE "${schema}".bare_events (
    position bigserial PRIMARY KEY, stream_name text NOT NULL, version integer NOT NULL, event_id uuid NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', recorded_at timestamptz NOT NULL DEFAULT now())`);
  const insert = `INSERT INTO "${schema}".bare_events (stream_name, version, event_id, type, data) VALUES `;
  return {
    insertOne: (streamName, i, type = 'OrderImported') => sql.query(`${insert} ($1, 0, $2, '${type}', $3)`, [streamName, randomUUID(), JSON.stringify(eventPayload(i))]),
    insertBatch(streamName, b) {
      const rows = eventBatch(b);
      const values = rows.map((_, k) => `($${k * 3 + 1}, ${k}, $${k * 3 + 2}, 'OrderOutcome', $${k * 3 + 3})`).join(', ');
      return sql.query(insert + values, rows.flatMap((data) => [streamName, randomUUID(), JSON.stringify(data)]));
    },
  };
}

/** Counts a loop of awaited operations as `eventsEach` events apiece. */
export async function repeat(count: number, operation: (i: number) => Promise<unknown>, eventsEach = 1): Promise<Measure> {
  return timed(async () => {
    for (let i = 0; i < count; i++) await operation(i);
    return count * eventsEach;
  });
}

/**
 * The two ceilings an import is measured against, in a schema of their own: plain single-row INSERTs (events/s)
 * and 100-event batch appends of synchub's store (events/s), each after a warm-up.
 */
export async function measureCeilings(
  sql: SqlClient,
  { schema = 'ceilings', single = 2_000, batches = 100 } = {},
): Promise<{ singleInsert: Measure; batchAppend: Measure }> {
  const bare = await createBareEvents(sql, schema);
  const store = await PostgresEventStore.create(sql, { schema, ownsClient: false });
  const append = (name: string, b: number) =>
    store.appendToStream(name, eventBatch(b).map((data) => ({ type: 'OrderOutcome', data })), { expectedVersion: 'no_stream' });
  for (let i = 0; i < 50; i++) await bare.insertOne(`warmup-${i}`, i, 'Warm');
  for (let b = 0; b < 5; b++) await append(`warmup-${b}`, b);
  const singleInsert = await repeat(single, (i) => bare.insertOne(`order-${i}`, i));
  const batchAppend = await repeat(batches, (b) => append(`syncrun-${b}`, b), BATCH_SIZE);
  return { singleInsert, batchAppend };
}

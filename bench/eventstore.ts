// Event-store throughput on PostgreSQL against the ceiling of plain SQL on the same table shape, in one run.
// Usage: npm run bench:eventstore   (DATABASE_URL defaults to the local test database)
import { randomUUID } from 'node:crypto';
import { PgSqlClient } from '../src/infrastructure/postgres/pgSqlClient.js';
import { PostgresEventStore } from '../src/infrastructure/postgres/postgresEventStore.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE ?? 5_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const BATCH_SIZE = 100;
const READ_PAGE = 1_000;

const payload = (i: number) => ({
  orderId: randomUUID(),
  number: `KC-${i}`,
  status: 'new',
  total: 12_345,
  lines: [{ sku: `SKU-${i % 2000}`, quantity: 2, price: 4_500 }],
});

async function timed(work: () => Promise<number>): Promise<{ count: number; seconds: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  const count = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}

async function main() {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const sql = PgSqlClient.connect(databaseUrl, { max: 4 });
  const store = await PostgresEventStore.create(sql, { schema, ownsClient: false });
  // The ceiling: the same columns with no constraint but the key, written by the plainest statements.
  await sql.exec(`CREATE TABLE "${schema}".bare_events (
    position bigserial PRIMARY KEY, stream_name text NOT NULL, version integer NOT NULL, event_id uuid NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', recorded_at timestamptz NOT NULL DEFAULT now())`);
  const bareInsert = `INSERT INTO "${schema}".bare_events (stream_name, version, event_id, type, data) VALUES `;
  try {
    const synchubSingle = await timed(async () => {
      for (let i = 0; i < SINGLE_APPENDS; i++) {
        await store.appendToStream(`order-${i}`, [{ type: 'OrderImported', data: payload(i) }], { expectedVersion: 'no_stream' });
      }
      return SINGLE_APPENDS;
    });
    const bareSingle = await timed(async () => {
      for (let i = 0; i < SINGLE_APPENDS; i++) {
        await sql.query(`${bareInsert} ($1, 0, $2, 'OrderImported', $3)`, [`order-${i}`, randomUUID(), JSON.stringify(payload(i))]);
      }
      return SINGLE_APPENDS;
    });

    const batch = (b: number) => Array.from({ length: BATCH_SIZE }, (_, k) => payload(b * BATCH_SIZE + k));
    const synchubBatch = await timed(async () => {
      for (let b = 0; b < BATCHES; b++) {
        await store.appendToStream(
          `syncrun-${b}`,
          batch(b).map((data) => ({ type: 'OrderOutcome', data })),
          { expectedVersion: 'no_stream' },
        );
      }
      return BATCHES * BATCH_SIZE;
    });
    const bareBatch = await timed(async () => {
      for (let b = 0; b < BATCHES; b++) {
        const rows = batch(b);
        const values = rows.map((_, k) => `($${k * 3 + 1}, ${k}, $${k * 3 + 2}, 'OrderOutcome', $${k * 3 + 3})`).join(', ');
        await sql.query(
          bareInsert + values,
          rows.flatMap((data) => [`syncrun-${b}`, randomUUID(), JSON.stringify(data)]),
        );
      }
      return BATCHES * BATCH_SIZE;
    });

    const synchubRead = await timed(async () => {
      let after = 0;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: READ_PAGE });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1].position;
      }
    });
    const bareRead = await timed(async () => {
      let after = 0;
      let count = 0;
      for (;;) {
        const { rows } = await sql.query<{ position: string }>(
          `SELECT * FROM "${schema}".events WHERE position > $1 ORDER BY position LIMIT $2`,
          [after, READ_PAGE],
        );
        if (rows.length === 0) return count;
        count += rows.length;
        after = Number(rows[rows.length - 1].position);
      }
    });

    const line = (name: string, ours: { perSecond: number }, ceiling: { perSecond: number }) =>
      `${name.padEnd(30)} synchub ${ours.perSecond.toFixed(0).padStart(8)}/s   ceiling ${ceiling.perSecond
        .toFixed(0)
        .padStart(8)}/s   ratio ${(ours.perSecond / ceiling.perSecond).toFixed(2)}`;
    console.log(`PostgreSQL event store, ${SINGLE_APPENDS} single appends, ${BATCHES}×${BATCH_SIZE} batches, one connection each`);
    console.log(line('single-event appends (events)', synchubSingle, bareSingle));
    console.log(line('100-event batches (events)', synchubBatch, bareBatch));
    console.log(line(`read-all, pages of ${READ_PAGE} (events)`, synchubRead, bareRead));
  } finally {
    await sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
    await sql.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

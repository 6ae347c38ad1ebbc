// Event-store throughput on PostgreSQL, in one run: the plain-SQL ceiling, synchub's store, and a peer
// (@event-driven-io/emmett-postgresql) on the same server, each in the same throwaway database.
// Usage: npm run bench:eventstore   (BENCH_SINGLE, BENCH_BATCHES change the counts; DATABASE_URL the local server)
import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { PgSqlClient } from '../src/infrastructure/postgres/pgSqlClient.js';
import { PostgresEventStore } from '../src/infrastructure/postgres/postgresEventStore.js';
import { createBenchDatabase } from './support/benchDatabase.js';
import { perSecond, printSummary, ratio, timed } from './support/summary.js';

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
const batch = (b: number) => Array.from({ length: BATCH_SIZE }, (_, k) => payload(b * BATCH_SIZE + k));

type Measure = Awaited<ReturnType<typeof timed>>;

const ROUNDS = 5;

/** Runs `count` operations of each contender, a fifth at a time in turn; each operation writes `eventsEach` events. */
async function inRounds<K extends string>(
  count: number,
  contenders: Record<K, (i: number) => Promise<unknown>>,
  eventsEach = 1,
): Promise<Record<K, Measure>> {
  const seconds = Object.fromEntries(Object.keys(contenders).map((name) => [name, 0])) as Record<K, number>;
  const perRound = Math.ceil(count / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(contenders) as K[]) {
      const from = round * perRound;
      const measured = await timed(async () => {
        for (let i = from; i < Math.min(count, from + perRound); i++) await contenders[name](i);
        return 0;
      });
      seconds[name] += measured.seconds;
    }
  }
  const events = count * eventsEach;
  return Object.fromEntries(
    (Object.keys(contenders) as K[]).map((name) => [name, { count: events, seconds: seconds[name], perSecond: events / seconds[name] }]),
  ) as Record<K, Measure>;
}

/** Reads a whole log page by page, keyset on the position, and counts the events. */
async function readEverything(readPage: (after: number) => Promise<{ count: number; last: number }>): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await readPage(after);
    if (page.count === 0) return count;
    count += page.count;
    after = page.last;
  }
}

type Emmett = ReturnType<typeof getPostgreSQLEventStore>;
type Figures = { ceiling: Measure; synchub: Measure; emmett: Measure };

/** The three logs measured side by side in one database: a bare table, synchub's store and emmett's. */
interface Contenders {
  sql: PgSqlClient;
  store: PostgresEventStore;
  emmett: Emmett;
  emmettPool: ReturnType<typeof dumbo>;
  /** The start of a plain INSERT into the bare table; VALUES follow. */
  bareInsert: string;
}

const SCHEMA = 'synchub';

async function main() {
  const database = await createBenchDatabase('eventstore');
  const sql = PgSqlClient.connect(database.url, { max: 4 });
  const emmettPool = dumbo({ connectionString: database.url });
  const emmett = getPostgreSQLEventStore(database.url, { connectionOptions: { dumbo: emmettPool } });
  try {
    const contenders = await prepareContenders(sql, emmett, emmettPool);
    const { single, batches } = await measureAppends(contenders);
    // Each log holds the same events now: warm-up, single appends, batches.
    const reads = await measureReads(contenders);
    printFigures(single, batches, reads);
  } finally {
    await emmett.close().catch(() => undefined);
    await emmettPool.close().catch(() => undefined);
    await sql.close();
    await database.drop();
  }
}

/** Creates the three logs and warms them up: connections opened, statements planned, so the first does not pay for everyone. */
async function prepareContenders(sql: PgSqlClient, emmett: Emmett, emmettPool: Contenders['emmettPool']): Promise<Contenders> {
  const store = await PostgresEventStore.create(sql, { schema: SCHEMA, ownsClient: false });
  await emmett.schema.migrate();
  // The ceiling: the same columns with no constraint but the key, written by the plainest statements.
  await sql.exec(`CREATE TABLE "${SCHEMA}".bare_events (
    position bigserial PRIMARY KEY, stream_name text NOT NULL, version integer NOT NULL, event_id uuid NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', recorded_at timestamptz NOT NULL DEFAULT now())`);
  const bareInsert = `INSERT INTO "${SCHEMA}".bare_events (stream_name, version, event_id, type, data) VALUES `;
  for (let i = 0; i < 200; i++) {
    await store.appendToStream(`warmup-${i}`, [{ type: 'Warm', data: payload(i) }]);
    await emmett.appendToStream(`warmup-${i}`, [{ type: 'Warm', data: payload(i) }]);
    await sql.query(`${bareInsert} ($1, 0, $2, 'Warm', $3)`, [`warmup-${i}`, randomUUID(), JSON.stringify(payload(i))]);
  }
  return { sql, store, emmett, emmettPool, bareInsert };
}

/** Single-event appends, then 100-event batches; contenders take turns in rounds, so a burst of load from elsewhere on the machine hits all of them alike. */
async function measureAppends({ sql, store, emmett, bareInsert }: Contenders): Promise<{ single: Figures; batches: Figures }> {
  const single = await inRounds(SINGLE_APPENDS, {
    ceiling: (i) => sql.query(`${bareInsert} ($1, 0, $2, 'OrderImported', $3)`, [`order-${i}`, randomUUID(), JSON.stringify(payload(i))]),
    synchub: (i) => store.appendToStream(`order-${i}`, [{ type: 'OrderImported', data: payload(i) }], { expectedVersion: 'no_stream' }),
    emmett: (i) => emmett.appendToStream(`order-${i}`, [{ type: 'OrderImported', data: payload(i) }], { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
  });
  const batches = await inRounds(BATCHES, {
    ceiling: (b) => {
      const rows = batch(b);
      const values = rows.map((_, k) => `($${k * 3 + 1}, ${k}, $${k * 3 + 2}, 'OrderOutcome', $${k * 3 + 3})`).join(', ');
      return sql.query(bareInsert + values, rows.flatMap((data) => [`syncrun-${b}`, randomUUID(), JSON.stringify(data)]));
    },
    synchub: (b) => store.appendToStream(`syncrun-${b}`, batch(b).map((data) => ({ type: 'OrderOutcome', data })), { expectedVersion: 'no_stream' }),
    emmett: (b) =>
      emmett.appendToStream(`syncrun-${b}`, batch(b).map((data) => ({ type: 'OrderOutcome', data })), { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
  }, BATCH_SIZE);
  return { single, batches };
}

/** The whole log read page by page: a plain keyset scan of synchub's table, synchub's readAll, emmett's batches. */
async function measureReads({ sql, store, emmettPool }: Contenders): Promise<Figures> {
  return {
    ceiling: await timed(() =>
      readEverything(async (after) => {
        const { rows } = await sql.query<{ position: string }>(
          `SELECT * FROM "${SCHEMA}".events WHERE position > $1 ORDER BY position LIMIT $2`,
          [after, READ_PAGE],
        );
        return { count: rows.length, last: Number(rows.at(-1)?.position ?? after) };
      }),
    ),
    synchub: await timed(() =>
      readEverything(async (after) => {
        const page = await store.readAll({ after, maxCount: READ_PAGE });
        return { count: page.length, last: page.at(-1)?.position ?? after };
      }),
    ),
    emmett: await timed(() =>
      readEverything(async (after) => {
        const page = await readMessagesBatch(emmettPool.execute, { after: BigInt(after), batchSize: READ_PAGE });
        return { count: page.messages.length, last: Number(page.currentGlobalPosition) };
      }),
    ),
  };
}

function printFigures(single: Figures, batches: Figures, reads: Figures): void {
  const line = (name: string, m: Figures) =>
    `${name.padEnd(34)} ceiling ${m.ceiling.perSecond.toFixed(0).padStart(7)}/s   synchub ${m.synchub.perSecond
      .toFixed(0)
      .padStart(7)}/s (${(m.synchub.perSecond / m.ceiling.perSecond).toFixed(2)}×)   emmett ${m.emmett.perSecond
      .toFixed(0)
      .padStart(7)}/s (${(m.emmett.perSecond / m.ceiling.perSecond).toFixed(2)}×)   synchub/emmett ${(
      m.synchub.perSecond / m.emmett.perSecond
    ).toFixed(2)}×`;
  console.log(`PostgreSQL event stores, ${SINGLE_APPENDS} single appends, ${BATCHES}×${BATCH_SIZE} batches, one connection at a time`);
  console.log(line('single-event appends (events)', single));
  console.log(line('100-event batches (events)', batches));
  console.log(line(`read-all, pages of ${READ_PAGE} (events)`, reads));
  if (reads.synchub.count !== reads.emmett.count) console.log(`note: synchub read ${reads.synchub.count} events, emmett ${reads.emmett.count}`);

  const singleRatio = single.synchub.perSecond / single.emmett.perSecond;
  const batchRatio = batches.synchub.perSecond / batches.emmett.perSecond;
  const readRatio = reads.synchub.perSecond / reads.ceiling.perSecond;
  printSummary('bench:eventstore', [
    { figure: 'synchub single-event appends', value: perSecond(single.synchub.perSecond), target: '', met: undefined },
    { figure: 'synchub / emmett, single appends', value: ratio(singleRatio), target: '≥ 2.00×', met: singleRatio >= 2 },
    { figure: 'synchub 100-event batch appends', value: perSecond(batches.synchub.perSecond), target: '', met: undefined },
    { figure: 'synchub / emmett, 100-event batches', value: ratio(batchRatio), target: '≥ 1.20×', met: batchRatio >= 1.2 },
    { figure: 'synchub read-all', value: perSecond(reads.synchub.perSecond), target: '', met: undefined },
    { figure: 'synchub read-all / plain keyset scan', value: ratio(readRatio), target: '≥ 0.50×', met: readRatio >= 0.5 },
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

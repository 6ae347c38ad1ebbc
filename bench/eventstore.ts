// Event-store throughput in one run: the plain-SQL ceiling, synchub's store, and on the postgres profile a peer
// (@event-driven-io/emmett-postgresql) on the same server, each in the same throwaway database.
// Usage: npm run bench:eventstore [-- --profile embedded|postgres|both]   (default postgres; BENCH_SINGLE,
//        BENCH_BATCHES change the counts; DATABASE_URL the local server). emmett-postgresql needs a PostgreSQL
//        server, so the embedded profile (PGlite in a temporary directory) measures synchub against its ceilings only.
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { PostgresEventStore } from '../src/infrastructure/postgres/postgresEventStore.js';
import type { SqlClient } from '../src/infrastructure/postgres/sqlClient.js';
import { benchProfiles, createBenchStore, type BenchProfile } from './support/benchProfile.js';
import { BATCH_SIZE, createBareEvents, eventBatch, eventPayload, type BareEvents, type Measure } from './support/ceilings.js';
import { perSecond, printSummary, ratio, timed, type SummaryRow } from './support/summary.js';

const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE ?? 5_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const READ_PAGE = 1_000;
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

type EmmettStore = ReturnType<typeof getPostgreSQLEventStore>;
type Figures = { ceiling: Measure; synchub: Measure; emmett?: Measure };

/** emmett's store and the pool it reads with, on the postgres profile only. */
interface Emmett {
  store: EmmettStore;
  pool: ReturnType<typeof dumbo>;
}

/** The logs measured side by side in one database: a bare table, synchub's store and (postgres) emmett's. */
interface Contenders {
  sql: SqlClient;
  store: PostgresEventStore;
  bare: BareEvents;
  emmett?: Emmett;
}

const SCHEMA = 'synchub';

interface ProfileFigures {
  single: Figures;
  batches: Figures;
  reads: Figures;
}

async function main() {
  const measured: Partial<Record<BenchProfile, ProfileFigures>> = {};
  for (const profile of benchProfiles()) measured[profile] = await measureProfile(profile);
  const { postgres, embedded } = measured;
  if (postgres && embedded) {
    const share = (pick: (f: ProfileFigures) => Figures) => ratio(pick(embedded).synchub.perSecond / pick(postgres).synchub.perSecond);
    printSummary('bench:eventstore — embedded / postgres, same run', [
      { figure: 'synchub single-event appends', value: share((f) => f.single), target: '' },
      { figure: 'synchub 100-event batch appends', value: share((f) => f.batches), target: '' },
      { figure: 'synchub read-all', value: share((f) => f.reads), target: '' },
    ]);
  }
}

async function measureProfile(profile: BenchProfile): Promise<ProfileFigures> {
  const database = await createBenchStore(profile, 'eventstore');
  const sql = await database.openSql();
  let emmett: Emmett | undefined;
  if (database.databaseUrl) {
    const pool = dumbo({ connectionString: database.databaseUrl });
    emmett = { pool, store: getPostgreSQLEventStore(database.databaseUrl, { connectionOptions: { dumbo: pool } }) };
  }
  try {
    const contenders = await prepareContenders(sql, emmett);
    const { single, batches } = await measureAppends(contenders);
    // Each log holds the same events now: warm-up, single appends, batches.
    const reads = await measureReads(contenders);
    printFigures(profile, single, batches, reads);
    return { single, batches, reads };
  } finally {
    await emmett?.store.close().catch(() => undefined);
    await emmett?.pool.close().catch(() => undefined);
    await sql.close();
    await database.drop();
  }
}

/** Creates the logs and warms them up: connections opened, statements planned, so the first does not pay for everyone. */
async function prepareContenders(sql: SqlClient, emmett: Emmett | undefined): Promise<Contenders> {
  const store = await PostgresEventStore.create(sql, { schema: SCHEMA, ownsClient: false });
  await emmett?.store.schema.migrate();
  const bare = await createBareEvents(sql, SCHEMA);
  for (let i = 0; i < 200; i++) {
    await store.appendToStream(`warmup-${i}`, [{ type: 'Warm', data: eventPayload(i) }]);
    await emmett?.store.appendToStream(`warmup-${i}`, [{ type: 'Warm', data: eventPayload(i) }]);
    await bare.insertOne(`warmup-${i}`, i, 'Warm');
  }
  return { sql, store, bare, emmett };
}

/** Without emmett (embedded), its contender is left out. */
const withEmmett = <T>(contenders: Record<'ceiling' | 'synchub', T>, emmett: T | undefined) => (emmett ? { ...contenders, emmett } : contenders);

/** Single-event appends, then 100-event batches; contenders take turns in rounds, so a burst of load from elsewhere on the machine hits all of them alike. */
async function measureAppends({ store, bare, emmett }: Contenders): Promise<{ single: Figures; batches: Figures }> {
  const single = await inRounds(
    SINGLE_APPENDS,
    withEmmett(
      {
        ceiling: (i: number) => bare.insertOne(`order-${i}`, i),
        synchub: (i: number) => store.appendToStream(`order-${i}`, [{ type: 'OrderImported', data: eventPayload(i) }], { expectedVersion: 'no_stream' }),
      },
      emmett &&
        ((i: number) =>
          emmett.store.appendToStream(`order-${i}`, [{ type: 'OrderImported', data: eventPayload(i) }], { expectedStreamVersion: STREAM_DOES_NOT_EXIST })),
    ),
  );
  const batches = await inRounds(
    BATCHES,
    withEmmett(
      {
        ceiling: (b: number) => bare.insertBatch(`syncrun-${b}`, b),
        synchub: (b: number) =>
          store.appendToStream(`syncrun-${b}`, eventBatch(b).map((data) => ({ type: 'OrderOutcome', data })), { expectedVersion: 'no_stream' }),
      },
      emmett &&
        ((b: number) =>
          emmett.store.appendToStream(`syncrun-${b}`, eventBatch(b).map((data) => ({ type: 'OrderOutcome', data })), {
            expectedStreamVersion: STREAM_DOES_NOT_EXIST,
          })),
    ),
    BATCH_SIZE,
  );
  return { single, batches };
}

/** The whole log read page by page: a plain keyset scan of synchub's table, synchub's readAll, emmett's batches. */
async function measureReads({ sql, store, emmett }: Contenders): Promise<Figures> {
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
    emmett:
      emmett &&
      (await timed(() =>
        readEverything(async (after) => {
          const page = await readMessagesBatch(emmett.pool.execute, { after: BigInt(after), batchSize: READ_PAGE });
          return { count: page.messages.length, last: Number(page.currentGlobalPosition) };
        }),
      )),
  };
}

function printFigures(profile: BenchProfile, single: Figures, batches: Figures, reads: Figures): void {
  const share = (m: Measure) => `${m.perSecond.toFixed(0).padStart(7)}/s`;
  const line = (name: string, m: Figures) =>
    `${name.padEnd(34)} ceiling ${share(m.ceiling)}   synchub ${share(m.synchub)} (${(m.synchub.perSecond / m.ceiling.perSecond).toFixed(2)}×)` +
    (m.emmett
      ? `   emmett ${share(m.emmett)} (${(m.emmett.perSecond / m.ceiling.perSecond).toFixed(2)}×)   synchub/emmett ${(m.synchub.perSecond / m.emmett.perSecond).toFixed(2)}×`
      : '');
  console.log(`${profile} profile event stores, ${SINGLE_APPENDS} single appends, ${BATCHES}×${BATCH_SIZE} batches, one connection at a time`);
  console.log(line('single-event appends (events)', single));
  console.log(line('100-event batches (events)', batches));
  console.log(line(`read-all, pages of ${READ_PAGE} (events)`, reads));
  if (reads.emmett && reads.synchub.count !== reads.emmett.count) console.log(`note: synchub read ${reads.synchub.count} events, emmett ${reads.emmett.count}`);
  if (!reads.emmett) console.log('emmett-postgresql needs a PostgreSQL server: it is not measured on the embedded profile');

  const againstEmmett = (figure: string, m: Figures, least: number): SummaryRow => {
    if (!m.emmett) return { figure, value: 'not measured', target: `≥ ${least.toFixed(2)}×` };
    const share = m.synchub.perSecond / m.emmett.perSecond;
    return { figure, value: ratio(share), target: `≥ ${least.toFixed(2)}×`, met: share >= least };
  };
  const readRatio = reads.synchub.perSecond / reads.ceiling.perSecond;
  printSummary(`bench:eventstore (${profile} profile)`, [
    { figure: 'plain single-row INSERT (one commit each)', value: perSecond(single.ceiling.perSecond), target: '' },
    { figure: 'synchub single-event appends', value: perSecond(single.synchub.perSecond), target: '' },
    { figure: 'synchub / plain INSERT, single', value: ratio(single.synchub.perSecond / single.ceiling.perSecond), target: '' },
    againstEmmett('synchub / emmett, single appends', single, 2),
    { figure: 'plain 100-row INSERT', value: perSecond(batches.ceiling.perSecond), target: '' },
    { figure: 'synchub 100-event batch appends', value: perSecond(batches.synchub.perSecond), target: '' },
    againstEmmett('synchub / emmett, 100-event batches', batches, 1.2),
    { figure: 'synchub read-all', value: perSecond(reads.synchub.perSecond), target: '' },
    { figure: 'synchub read-all / plain keyset scan', value: ratio(readRatio), target: '≥ 0.50×', met: readRatio >= 0.5 },
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

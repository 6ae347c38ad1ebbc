// End-to-end import from the KeyCRM simulator into synchub's read models, against the ceilings of its own profile
// measured in the same run: plain single-row INSERTs (one commit each) and the store's 100-event batch appends.
// Usage: npm run bench:import [-- --profile embedded|postgres|both]   20 000 then 100 000 orders, no rate limit
//        npm run bench:import -- --million    100 000 then 1 000 000 orders: run by hand, stops itself past
//                                             BENCH_DEADLINE_MINUTES (default 120; 30 otherwise)
//        npm run bench:import:limited   the KeyCRM limit ×10 (600/min) on both sides: elapsed vs the minimum the limit allows
// BENCH_ORDERS=n (or n,m) runs those sizes; --profile both runs each size on postgres then embedded (their ratio, one run).
// The simulator runs in its own process; each import runs in a fresh process; each profile's store is thrown away.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { benchProfiles, createBenchStore, type BenchProfile } from './support/benchProfile.js';
import { measureCeilings, type Measure } from './support/ceilings.js';
import { atEveryCoreBusy, coresBusy, microsecondsEach, type CpuCost } from './support/cpuCost.js';
import { serviceNodeFlags } from './support/serviceNodeFlags.js';
import { megabytes, perSecond, printSummary, ratio, type SummaryRow } from './support/summary.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const LIMITED = process.argv.includes('--limited');
const MILLION = process.argv.includes('--million');
const LIMIT_PER_MINUTE = 600;
const MINUTES = Number(process.env.BENCH_DEADLINE_MINUTES ?? (MILLION ? 120 : 30));
/** Every process of the benchmark is killed past this, and the benchmark says so. */
const DEADLINE_AT = Date.now() + MINUTES * 60_000;
/** A simulator of more orders than this holds them in a heap larger than Node's default. */
const LARGE_SIMULATOR = 300_000;

class OverDeadline extends Error {
  constructor(what: string) {
    super(`bench:import stopped itself: over its deadline of ${MINUTES} min during ${what} (BENCH_DEADLINE_MINUTES sets it)`);
  }
}

interface ImportResult {
  status: string;
  error?: string;
  counts: Record<string, number>;
  events: number;
  importSeconds: number;
  totalSeconds: number;
  peakRss: number;
  maxRss: number;
  /** process.memoryUsage() when RSS was highest, and the phase (sync or catch-up) it was in. */
  atPeak: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number> & { phase: string };
  /** embedded: PGlite's WASM memory at the end, part of the peak RSS. */
  pgliteMemory?: number;
  /** From the sync's start to the read models caught up: the importer's CPU and the machine's (PostgreSQL, simulator). */
  cpu: CpuCost;
}

interface SimulatorReport {
  requests: number;
  rateLimited: number;
  admitted: number;
  firstAt: number;
  lastAt: number;
  /** CPU seconds the simulator spent serving the import. */
  cpuSeconds: number;
}

function nextMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: any) => {
      if (message?.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${kind}: the process ended with ${code} first`)));
  });
}

type ImportRun = { result: ImportResult; simulator: SimulatorReport };
type SizedRun = ImportRun & { orders: number };
/** The machine's CPU neither the importer nor the simulator spent: PostgreSQL's on the postgres profile (and whatever else ran). */
const restOfMachine = (result: ImportResult, simulator: SimulatorReport) => result.cpu.machineSeconds - result.cpu.processSeconds - simulator.cpuSeconds;

async function importOnce(profile: BenchProfile, orders: number, rpm: number): Promise<ImportRun> {
  // The orders span minutes apart up to now; the sync window starts before the first one.
  const startAt = new Date(Date.now() - orders * 16 * 60_000 - 24 * 3600_000);
  const database = await createBenchStore(profile, 'import');
  const env = { ...process.env, BENCH_ORDERS: String(orders), BENCH_RPM: String(rpm), BENCH_START_AT: startAt.toISOString() };
  const simulator = fork(here('./support/keycrmSimulatorProcess.js'), {
    env,
    stdio: 'inherit',
    execArgv: [
      ...(orders > LARGE_SIMULATOR ? ['--max-old-space-size=12288'] : []),
      // BENCH_SIMULATOR_CPU_PROFILE=<dir>: the simulator's CPU profile, to see what serving the pages costs.
      ...(process.env.BENCH_SIMULATOR_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIMULATOR_CPU_PROFILE}`] : []),
    ],
  });
  const importer: { child?: ChildProcess } = {};
  let expired = false;
  const deadline = setTimeout(() => {
    expired = true;
    simulator.kill('SIGKILL');
    importer.child?.kill('SIGKILL');
  }, DEADLINE_AT - Date.now());
  try {
    const ready = await nextMessage<{ baseUrl: string; orders: number }>(simulator, 'ready');
    importer.child = fork(here('./support/importProcess.js'), {
      env: { ...env, ...database.env, BENCH_KEYCRM_URL: ready.baseUrl, BENCH_FROM: new Date(startAt.getTime() - 3600_000).toISOString() },
      // BENCH_CPU_PROFILE=<dir> writes the importer's CPU profile there, to find where an import spends its time.
      execArgv: [
        // The heap settings of `npm start`: the importer's memory is the service's.
        ...serviceNodeFlags(),
        ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
        // BENCH_HEAP_PROFILE=<dir>: a sampling profile of what is still allocated when the importer ends.
        ...(process.env.BENCH_HEAP_PROFILE ? ['--heap-prof', `--heap-prof-dir=${process.env.BENCH_HEAP_PROFILE}`] : []),
        // BENCH_IMPORTER_HEAP_MB caps the importer's heap instead (the last flag wins): an import that completes under the cap holds no more than that.
        ...(process.env.BENCH_IMPORTER_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_IMPORTER_HEAP_MB}`] : []),
      ],
      stdio: 'inherit',
    });
    const result = await nextMessage<ImportResult>(importer.child, 'result');
    await once(importer.child, 'exit');
    simulator.send('report');
    const report = await nextMessage<SimulatorReport>(simulator, 'report');
    return { result, simulator: report };
  } catch (error) {
    throw expired ? new OverDeadline(`the ${orders}-order import on ${profile}`) : error;
  } finally {
    clearTimeout(deadline);
    if (simulator.connected) simulator.send('close');
    await database.drop();
  }
}

function describe(profile: BenchProfile, orders: number, { result, simulator }: ImportRun): void {
  const c = result.counts ?? {};
  console.log(
    `${profile}, ${orders} orders: run ${result.status}${result.error ? ` (${result.error})` : ''}, imported ${c.imported}, rejected ${c.rejected}, ` +
      `${result.events} events; import ${result.importSeconds.toFixed(1)} s, read models caught up at ${result.totalSeconds.toFixed(1)} s; ` +
      `${(orders / result.totalSeconds).toFixed(0)} orders/s, ${(result.events / result.totalSeconds).toFixed(0)} events/s; ` +
      `peak RSS ${megabytes(Math.max(result.peakRss, result.maxRss))} (at the sampled peak, ${result.atPeak.phase}: ${memoryKinds(result.atPeak)}` +
      `${result.pgliteMemory ? `; PGlite's WASM memory ${megabytes(result.pgliteMemory)}` : ''}); ${simulator.requests} KeyCRM requests, ${simulator.rateLimited} answered 429; ` +
      `CPU: importer ${result.cpu.processSeconds.toFixed(1)} s, simulator ${simulator.cpuSeconds.toFixed(1)} s, the rest ${restOfMachine(result, simulator).toFixed(1)} s, ` +
      `whole machine ${result.cpu.machineSeconds.toFixed(1)} s (${coresBusy(result.cpu).toFixed(2)} of ${result.cpu.cores} cores busy)`,
  );
}

const memoryKinds = (m: ImportResult['atPeak']) =>
  `heap ${megabytes(m.heapUsed)} used of ${megabytes(m.heapTotal)}, external ${megabytes(m.external)} (array buffers ${megabytes(m.arrayBuffers)}), rss ${megabytes(m.rss)}`;

/** The import's ceilings on a store of the profile's own, opened as the service opens it. */
async function ceilingsOf(profile: BenchProfile): Promise<Ceilings> {
  const database = await createBenchStore(profile, 'ceilings');
  const sql = await database.openSql();
  try {
    const ceilings = await measureCeilings(sql);
    console.log(
      `${profile} ceilings: plain single-row INSERT ${perSecond(ceilings.singleInsert.perSecond)}, store 100-event batch appends ${perSecond(ceilings.batchAppend.perSecond)} (events)`,
    );
    return ceilings;
  } finally {
    await sql.close();
    await database.drop();
  }
}

type Ceilings = Awaited<ReturnType<typeof measureCeilings>>;
const peakRss = (result: ImportResult) => Math.max(result.peakRss, result.maxRss);
const eventsPerSecond = (result: ImportResult) => result.events / result.totalSeconds;

function importSizes(): number[] {
  if (process.env.BENCH_ORDERS) return process.env.BENCH_ORDERS.split(',').map(Number);
  return MILLION ? [100_000, 1_000_000] : [20_000, 100_000];
}

async function unlimited(): Promise<void> {
  const profiles = benchProfiles();
  const sizes = importSizes();
  const ceilings = new Map<BenchProfile, Ceilings>();
  const runs = new Map<BenchProfile, SizedRun[]>(profiles.map((profile) => [profile, []]));
  let stopped: OverDeadline | undefined;
  try {
    for (const profile of profiles) ceilings.set(profile, await ceilingsOf(profile));
    // Size by size, each profile in turn: the machine's mood of the hour weighs on both alike.
    for (const orders of sizes) {
      for (const profile of profiles) {
        const run = await importOnce(profile, orders, 0);
        describe(profile, orders, run);
        runs.get(profile)!.push({ orders, ...run });
      }
    }
  } catch (error) {
    if (!(error instanceof OverDeadline)) throw error;
    stopped = error;
  }
  const rows: SummaryRow[] = [];
  for (const profile of profiles) rows.push(...profileRows(profile, ceilings.get(profile), runs.get(profile)!));
  if (profiles.length === 2) {
    const [postgres, embedded] = profiles.map((profile) => runs.get(profile)!);
    embedded.forEach(({ orders, result }, i) => {
      const share = eventsPerSecond(result) / eventsPerSecond(postgres[i].result);
      rows.push({ figure: `${orders} orders: embedded / postgres import events/s`, value: ratio(share), target: '≥ 0.50×', met: share >= 0.5 });
    });
  }
  const title = `bench:import (KeyCRM simulator, no rate limit, ${profiles.join(' and ')})`;
  if (rows.length > 0) printSummary(title, rows);
  if (stopped) {
    console.error(stopped.message);
    process.exitCode = 1;
  }
}

/** One profile's figures: each size against the profile's ceilings, its memory, and how memory grew with the size. */
function profileRows(profile: BenchProfile, ceilings: Ceilings | undefined, runs: SizedRun[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const against = (figure: string, value: number, ceiling: Measure | undefined, least: number): SummaryRow => {
    if (!ceiling) return { figure, value: 'not measured', target: `≥ ${least.toFixed(2)}×` };
    const share = value / ceiling.perSecond;
    return { figure, value: ratio(share), target: `≥ ${least.toFixed(2)}×`, met: share >= least };
  };
  if (ceilings) {
    rows.push(
      { figure: `${profile}: plain single-row INSERT (one commit each)`, value: perSecond(ceilings.singleInsert.perSecond), target: '' },
      { figure: `${profile}: store 100-event batch appends`, value: perSecond(ceilings.batchAppend.perSecond), target: '' },
    );
  }
  for (const { orders, result, simulator } of runs) {
    const ordersPerSecond = orders / result.totalSeconds;
    const events = eventsPerSecond(result);
    const rss = peakRss(result);
    const perEvent = (seconds: number) => microsecondsEach(seconds, result.events);
    rows.push(
      { figure: `${profile}, ${orders} orders: orders/s (into read models)`, value: perSecond(ordersPerSecond), target: '≥ 500/s', met: ordersPerSecond >= 500 },
      { figure: `${profile}, ${orders} orders: events/s`, value: perSecond(events), target: '' },
      against(`${profile}, ${orders} orders: events/s / single INSERT`, events, ceilings?.singleInsert, 4),
      against(`${profile}, ${orders} orders: events/s / batch appends`, events, ceilings?.batchAppend, 0.3),
      {
        figure: `${profile}, ${orders} orders: CPU per event, importer + simulator + ${profile === 'postgres' ? 'PostgreSQL and the rest' : 'the rest'} = whole machine`,
        value: `${perEvent(result.cpu.processSeconds)} + ${perEvent(simulator.cpuSeconds)} + ${perEvent(restOfMachine(result, simulator))} = ${perEvent(result.cpu.machineSeconds)}`,
        target: '',
      },
      // However the work were spread over the cores, at this CPU per event it could go no faster than this.
      ...(ceilings ? [bestAtEveryCoreBusy(`${profile}, ${orders} orders`, atEveryCoreBusy(result.events, result.cpu), ceilings)] : []),
      { figure: `${profile}, ${orders} orders: importer peak RSS`, value: megabytes(rss), target: '< 300 MB', met: rss < 300 * 1024 * 1024 },
    );
  }
  if (runs.length >= 2) {
    const [first, last] = [runs[0], runs.at(-1)!];
    const growth = peakRss(last.result) / peakRss(first.result);
    // The issue's target is from 100 000 to 1 000 000 orders (--million); the default sizes show the trend.
    rows.push({ figure: `${profile}: peak RSS ${last.orders} / ${first.orders} orders`, value: ratio(growth), target: '≤ 1.20× (flat)', met: growth <= 1.2 });
  }
  return rows;
}

/** The import's best events/s at its CPU per event with every core busy, against the single INSERT (its target 4×). */
function bestAtEveryCoreBusy(what: string, best: number, ceilings: Ceilings): SummaryRow {
  return {
    figure: `${what}: best events/s at this CPU per event, every core busy / single INSERT`,
    value: `${perSecond(best)} = ${ratio(best / ceilings.singleInsert.perSecond)}`,
    target: '',
  };
}

async function limited(): Promise<void> {
  const orders = Number(process.env.BENCH_ORDERS ?? 30_000);
  const [profile] = benchProfiles();
  const run = await importOnce(profile, orders, LIMIT_PER_MINUTE);
  describe(profile, orders, run);
  const { result, simulator } = run;
  // A sliding window of 600 a minute: request 600k+1 can start no sooner than k minutes after the first.
  const minimumSeconds = Math.floor((simulator.admitted - 1) / LIMIT_PER_MINUTE) * 60;
  const elapsed = result.importSeconds;
  const share = elapsed / minimumSeconds;
  console.log(
    `limit ${LIMIT_PER_MINUTE}/min: ${simulator.admitted} requests admitted; import took ${elapsed.toFixed(1)} s, ` +
      `the limit allows no less than ${minimumSeconds} s; ratio ${share.toFixed(3)}; first to last request ${((simulator.lastAt - simulator.firstAt) / 1000).toFixed(1)} s`,
  );
  printSummary(`bench:import:limited (KeyCRM simulator at ${LIMIT_PER_MINUTE}/min, ${profile})`, [
    { figure: 'import elapsed', value: `${elapsed.toFixed(1)} s`, target: '' },
    { figure: 'minimum the limit allows', value: `${minimumSeconds} s`, target: '' },
    { figure: 'elapsed / minimum', value: ratio(share), target: '≤ 1.10×', met: share <= 1.1 },
    { figure: '429 answers received', value: String(simulator.rateLimited), target: '0', met: simulator.rateLimited === 0 },
    { figure: 'read models caught up at', value: `${result.totalSeconds.toFixed(1)} s`, target: '' },
  ]);
}

(LIMITED ? limited() : unlimited()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

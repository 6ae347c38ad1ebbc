// End-to-end import from the KeyCRM simulator into synchub's read models, measured in one run.
// Usage: npm run bench:import           20 000 then 100 000 orders, no rate limit (orders/s, events/s, peak RSS, flatness)
//        npm run bench:import:limited   the KeyCRM limit ×10 (600/min) on both sides: elapsed vs the minimum the limit allows
// BENCH_ORDERS=n runs one size only. The simulator runs in its own process; each import runs in a fresh process.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase } from './support/benchDatabase.js';
import { megabytes, perSecond, printSummary, ratio, type SummaryRow } from './support/summary.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const LIMITED = process.argv.includes('--limited');
const LIMIT_PER_MINUTE = 600;
/** Every process of the benchmark is killed past this. */
const DEADLINE_MS = 15 * 60 * 1000;

interface ImportResult {
  status: string;
  error?: string;
  counts: Record<string, number>;
  events: number;
  importSeconds: number;
  totalSeconds: number;
  peakRss: number;
  maxRss: number;
}

interface SimulatorReport {
  requests: number;
  rateLimited: number;
  admitted: number;
  firstAt: number;
  lastAt: number;
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

async function importOnce(orders: number, rpm: number): Promise<{ result: ImportResult; simulator: SimulatorReport }> {
  // The orders span minutes apart up to now; the sync window starts before the first one.
  const startAt = new Date(Date.now() - orders * 16 * 60_000 - 24 * 3600_000);
  const database = await createBenchDatabase('import');
  const env = { ...process.env, BENCH_ORDERS: String(orders), BENCH_RPM: String(rpm), BENCH_START_AT: startAt.toISOString() };
  const simulator = fork(here('./support/keycrmSimulatorProcess.js'), { env, stdio: 'inherit' });
  const importer: { child?: ChildProcess } = {};
  const deadline = setTimeout(() => {
    simulator.kill('SIGKILL');
    importer.child?.kill('SIGKILL');
  }, DEADLINE_MS);
  try {
    const ready = await nextMessage<{ baseUrl: string; orders: number }>(simulator, 'ready');
    importer.child = fork(here('./support/importProcess.js'), {
      env: { ...env, BENCH_DATABASE_URL: database.url, BENCH_KEYCRM_URL: ready.baseUrl, BENCH_FROM: new Date(startAt.getTime() - 3600_000).toISOString() },
      // BENCH_CPU_PROFILE=<dir> writes the importer's CPU profile there, to find where an import spends its time.
      execArgv: [
        ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
        // BENCH_HEAP_PROFILE=<dir>: a sampling profile of what is still allocated when the importer ends.
        ...(process.env.BENCH_HEAP_PROFILE ? ['--heap-prof', `--heap-prof-dir=${process.env.BENCH_HEAP_PROFILE}`] : []),
        // BENCH_IMPORTER_HEAP_MB caps the importer's heap: an import that completes under the cap holds no more than that.
        ...(process.env.BENCH_IMPORTER_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_IMPORTER_HEAP_MB}`] : []),
      ],
      stdio: 'inherit',
    });
    const result = await nextMessage<ImportResult>(importer.child, 'result');
    await once(importer.child, 'exit');
    simulator.send('report');
    const report = await nextMessage<SimulatorReport>(simulator, 'report');
    return { result, simulator: report };
  } finally {
    clearTimeout(deadline);
    if (simulator.connected) simulator.send('close');
    await database.drop();
  }
}

function describe(orders: number, { result, simulator }: { result: ImportResult; simulator: SimulatorReport }): void {
  const c = result.counts ?? {};
  console.log(
    `${orders} orders: run ${result.status}${result.error ? ` (${result.error})` : ''}, imported ${c.imported}, rejected ${c.rejected}, ` +
      `${result.events} events; import ${result.importSeconds.toFixed(1)} s, read models caught up at ${result.totalSeconds.toFixed(1)} s; ` +
      `${(orders / result.totalSeconds).toFixed(0)} orders/s, ${(result.events / result.totalSeconds).toFixed(0)} events/s; ` +
      `peak RSS ${megabytes(Math.max(result.peakRss, result.maxRss))}; ${simulator.requests} KeyCRM requests, ${simulator.rateLimited} answered 429`,
  );
}

async function unlimited(): Promise<void> {
  const sizes = process.env.BENCH_ORDERS ? [Number(process.env.BENCH_ORDERS)] : [20_000, 100_000];
  const runs = [];
  for (const orders of sizes) {
    const run = await importOnce(orders, 0);
    describe(orders, run);
    runs.push({ orders, ...run });
  }
  const rows: SummaryRow[] = [];
  for (const { orders, result } of runs) {
    const ordersPerSecond = orders / result.totalSeconds;
    const rss = Math.max(result.peakRss, result.maxRss);
    rows.push(
      { figure: `${orders} orders: orders/s (into read models)`, value: perSecond(ordersPerSecond), target: '≥ 500/s', met: ordersPerSecond >= 500 },
      { figure: `${orders} orders: events/s`, value: perSecond(result.events / result.totalSeconds), target: '' },
      { figure: `${orders} orders: peak RSS`, value: megabytes(rss), target: '< 300 MB', met: rss < 300 * 1024 * 1024 },
    );
  }
  if (runs.length === 2) {
    const rss = runs.map(({ result }) => Math.max(result.peakRss, result.maxRss));
    const growth = rss[1] / rss[0];
    rows.push({ figure: `peak RSS ${runs[1].orders} / ${runs[0].orders} orders`, value: ratio(growth), target: '≤ 1.20× (flat)', met: growth <= 1.2 });
  }
  printSummary('bench:import (KeyCRM simulator, no rate limit)', rows);
}

async function limited(): Promise<void> {
  const orders = Number(process.env.BENCH_ORDERS ?? 30_000);
  const run = await importOnce(orders, LIMIT_PER_MINUTE);
  describe(orders, run);
  const { result, simulator } = run;
  // A sliding window of 600 a minute: request 600k+1 can start no sooner than k minutes after the first.
  const minimumSeconds = Math.floor((simulator.admitted - 1) / LIMIT_PER_MINUTE) * 60;
  const elapsed = result.importSeconds;
  const share = elapsed / minimumSeconds;
  console.log(
    `limit ${LIMIT_PER_MINUTE}/min: ${simulator.admitted} requests admitted; import took ${elapsed.toFixed(1)} s, ` +
      `the limit allows no less than ${minimumSeconds} s; ratio ${share.toFixed(3)}; first to last request ${((simulator.lastAt - simulator.firstAt) / 1000).toFixed(1)} s`,
  );
  printSummary(`bench:import:limited (KeyCRM simulator at ${LIMIT_PER_MINUTE}/min)`, [
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

// HTTP API latency and throughput against GET /health of the same run (autocannon), at two sizes: a tenth of the
// orders, then all of them, so p99 at the larger size is compared with p99 at the smaller; and page 1 000 reached by
// cursor (`?after=`) against page 1.
// Usage: npm run bench:api [-- --profile embedded|postgres|both]   (default postgres; 10 000 then 100 000 orders)
//        npm run bench:api -- --million (or BENCH_ORDERS=1000000)   100 000 then 1 000 000 orders: run by hand, stops
//        itself past BENCH_DEADLINE_MINUTES (default 90; 15 otherwise)
// BENCH_DURATION seconds per route (default 15). Orders are loaded as ready-made histories, not imported.
// Also measured, without a target: page 1 000 by offset (`page=`), what the cursor replaces.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchProfiles, createBenchStore, type BenchProfile } from './support/benchProfile.js';
import { cursorPath } from './support/cursorWalk.js';
import { BENCH_ADMIN_TOKEN } from './support/synchubService.js';
import { serviceNodeFlags } from './support/serviceNodeFlags.js';
import { perSecond, printSummary, ratio, type SummaryRow } from './support/summary.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const ORDERS = process.argv.includes('--million') ? 1_000_000 : Number(process.env.BENCH_ORDERS ?? 100_000);
const CONNECTIONS = 50;
const LIMIT = 50;
const LIST = `/v1/orders?store=integrations&limit=${LIMIT}`;
const DEEP_PAGE = 1_000;
const MINUTES = Number(process.env.BENCH_DEADLINE_MINUTES ?? (ORDERS >= 1_000_000 ? 90 : 15));

interface Ready {
  base: string;
  orderIds: string[];
  orders: number;
  events: number;
  catchUpSeconds: number;
}

interface RouteFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(base: string, name: string, paths: string[], duration = DURATION): Promise<RouteFigures> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    // Each request takes the next path in turn, so GET /v1/orders/:id walks across many orders.
    requests: [{ setupRequest: (request: any) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  const figures = {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(
    `${name.padEnd(40)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}  errors ${figures.errors}`,
  );
  return figures;
}

/** One profile's figures: list and detail at the smaller size, then everything at the full size. */
interface ProfileRun {
  profile: BenchProfile;
  small?: { orders: number; list: RouteFigures; one: RouteFigures };
  orders: number;
  health: RouteFigures;
  one: RouteFigures;
  list: RouteFigures;
  deep?: { page: number; byCursor: RouteFigures; byOffset: RouteFigures };
}

async function main() {
  const profiles = benchProfiles();
  const runs: ProfileRun[] = [];
  for (const profile of profiles) runs.push(await measureProfile(profile));
  const rows = runs.flatMap(profileRows);
  if (runs.length === 2) {
    const [postgres, embedded] = runs;
    for (const pick of [(r: ProfileRun) => r.list, (r: ProfileRun) => r.one]) {
      const share = pick(embedded).p99 / pick(postgres).p99;
      rows.push({ figure: `${pick(embedded).name} p99 embedded / postgres`, value: ratio(share), target: '≤ 2.00×', met: share <= 2 });
    }
  }
  printSummary(`bench:api (${profiles.join(' and ')}, ${CONNECTIONS} connections, ${DURATION} s each)`, rows);
}

async function measureProfile(profile: BenchProfile): Promise<ProfileRun> {
  const database = await createBenchStore(profile, 'api');
  const sizes = ORDERS >= 10 ? [Math.round(ORDERS / 10), ORDERS] : [ORDERS];
  const server = fork(fileURLToPath(new URL('./support/apiServerProcess.js', import.meta.url)), {
    env: { ...process.env, ...database.env, BENCH_ORDERS: String(sizes[0]) },
    // BENCH_CPU_PROFILE=<dir> writes the API process's CPU profile there, to find where a request spends its time.
    // The heap settings of `npm start`: the server's memory is the service's.
    execArgv: [...serviceNodeFlags(), ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: 'inherit',
  });
  let expired = false;
  const deadline = setTimeout(() => {
    expired = true;
    server.kill('SIGKILL');
  }, MINUTES * 60_000);
  try {
    let ready = await nextReady(server);
    describe(profile, ready);
    let small: ProfileRun['small'];
    // Unreported: a cold process (JIT, caches, connections) would weigh on the first size's figures only.
    await load(ready.base, 'warm-up', ['/health', LIST, ...details(ready).slice(0, 100)], Math.min(DURATION, 3));
    if (sizes.length === 2) {
      // The single order first: a slow list leaves queries queued in PostgreSQL that would weigh on what follows.
      small = { orders: ready.orders, one: await load(ready.base, 'GET /v1/orders/:id', details(ready)), list: await load(ready.base, 'GET /v1/orders (page 1)', [LIST]) };
      server.send({ kind: 'grow', orders: sizes[1] });
      ready = await nextReady(server);
      describe(profile, ready);
    }
    const health = await load(ready.base, 'GET /health', ['/health']);
    const one = await load(ready.base, 'GET /v1/orders/:id', details(ready));
    const list = await load(ready.base, 'GET /v1/orders (page 1)', [LIST]);
    const deepest = await cursorPath(ready.base, LIST, DEEP_PAGE, BENCH_ADMIN_TOKEN);
    let deep: ProfileRun['deep'];
    if (deepest) {
      const byCursor = await load(ready.base, `GET /v1/orders page ${deepest.page} by cursor`, [deepest.path]);
      const byOffset = await load(ready.base, `GET /v1/orders page ${deepest.page} by offset`, [`${LIST}&page=${deepest.page}`]);
      deep = { page: deepest.page, byCursor, byOffset };
    } else console.log('page 1 000 by cursor: not available (the list answers no nextCursor)');
    return { profile, small, orders: ready.orders, health, one, list, deep };
  } catch (error) {
    throw expired ? new Error(`bench:api stopped itself: over its deadline of ${MINUTES} min on ${profile} (BENCH_DEADLINE_MINUTES sets it)`) : error;
  } finally {
    clearTimeout(deadline);
    const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : once(server, 'exit');
    if (server.connected) server.send('close');
    // The embedded store's directory is removed once the process that holds it has closed it.
    await exited;
    await database.drop();
  }
}

const details = (ready: Ready) => ready.orderIds.map((id) => `/v1/orders/${id}`);

function describe(profile: BenchProfile, ready: Ready): void {
  console.log(`${profile}: ${ready.orders} orders (${ready.events} events) loaded; read models caught up in ${ready.catchUpSeconds.toFixed(1)} s`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per route`);
}

function nextReady(server: ChildProcess): Promise<Ready> {
  return new Promise<Ready>((resolve, reject) => {
    const onMessage = (message: any) => {
      if (message?.kind !== 'ready') return;
      server.off('message', onMessage);
      server.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the API process ended with ${code}`));
    server.on('message', onMessage);
    server.once('exit', onExit);
  });
}

const clean = (route: RouteFigures) => route.non2xx === 0 && route.errors === 0;
const withErrors = (route: RouteFigures) => (clean(route) ? '' : ' (with errors)');

/** At most `most` times the base's p99; an answer with errors meets nothing. */
function p99Ratio(figure: string, route: RouteFigures, base: RouteFigures, most: number): SummaryRow {
  const share = route.p99 / base.p99;
  return { figure, value: `${ratio(share)} (${route.p99} / ${base.p99} ms)`, target: `≤ ${most.toFixed(2)}×`, met: share <= most && clean(route) && clean(base) };
}

function profileRows(run: ProfileRun): SummaryRow[] {
  const { profile, health, orders } = run;
  const rows: SummaryRow[] = [{ figure: `${profile}: GET /health`, value: perSecond(health.requestsPerSecond), target: '' }];
  for (const route of [run.list, run.one]) {
    const share = route.requestsPerSecond / health.requestsPerSecond;
    rows.push(
      { figure: `${profile}: ${route.name} req/s`, value: perSecond(route.requestsPerSecond), target: '' },
      { figure: `${profile}: ${route.name} req/s / health`, value: ratio(share), target: '≥ 0.50×', met: share >= 0.5 && clean(route) },
      { figure: `${profile}: ${route.name} p50`, value: `${route.p50} ms`, target: '' },
      { figure: `${profile}: ${route.name} p99`, value: `${route.p99} ms${withErrors(route)}`, target: '≤ 50 ms', met: route.p99 <= 50 && clean(route) },
    );
  }
  if (run.small) {
    rows.push(
      p99Ratio(`${profile}: list p99 at ${orders} / at ${run.small.orders} orders`, run.list, run.small.list, 1.5),
      p99Ratio(`${profile}: detail p99 at ${orders} / at ${run.small.orders} orders`, run.one, run.small.one, 1.5),
    );
  }
  if (run.deep) {
    const { page, byCursor, byOffset } = run.deep;
    rows.push(
      p99Ratio(`${profile}: page ${page} by cursor p99 / page 1`, byCursor, run.list, 1.5),
      { figure: `${profile}: page ${page} by offset p99 (before the cursor)`, value: `${byOffset.p99} ms${withErrors(byOffset)}`, target: '' },
    );
  } else rows.push({ figure: `${profile}: page ${DEEP_PAGE} by cursor p99 / page 1`, value: 'not available', target: '≤ 1.50×' });
  return rows;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

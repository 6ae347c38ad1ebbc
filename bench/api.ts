// HTTP API latency and throughput with 100 000 orders loaded, against GET /health on the same run (autocannon).
// Usage: npm run bench:api   (BENCH_DURATION seconds per route, default 20; BENCH_ORDERS, default 100 000)
// Also measured, without a target: the list when each request asks for another of its first 20 pages.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createBenchDatabase } from './support/benchDatabase.js';
import { BENCH_ADMIN_TOKEN } from './support/synchubService.js';
import { perSecond, printSummary, ratio, type SummaryRow } from './support/summary.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = 50;

interface Ready {
  base: string;
  orderIds: string[];
  orders: number;
  events: number;
  catchUpSeconds: number;
}

async function load(base: string, name: string, paths: string[]) {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
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
    `${name.padEnd(36)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}  errors ${figures.errors}`,
  );
  return figures;
}

async function main() {
  const database = await createBenchDatabase('api');
  const server = fork(fileURLToPath(new URL('./support/apiServerProcess.js', import.meta.url)), {
    env: { ...process.env, BENCH_DATABASE_URL: database.url },
    // BENCH_CPU_PROFILE=<dir> writes the API process's CPU profile there, to find where a request spends its time.
    execArgv: process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [],
    stdio: 'inherit',
  });
  const deadline = setTimeout(() => server.kill('SIGKILL'), 15 * 60 * 1000);
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      server.on('message', (message: any) => message?.kind === 'ready' && resolve(message));
      server.once('exit', (code) => reject(new Error(`the API process ended with ${code}`)));
    });
    console.log(`${ready.orders} orders (${ready.events} events) loaded; read models caught up in ${ready.catchUpSeconds.toFixed(1)} s`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per route`);
    const health = await load(ready.base, 'GET /health', ['/health']);
    // The single order first: a slow list leaves queries queued in PostgreSQL that would weigh on what follows.
    const one = await load(ready.base, 'GET /v1/orders/:id', ready.orderIds.map((id) => `/v1/orders/${id}`));
    const list = await load(ready.base, 'GET /v1/orders?store=integrations', ['/v1/orders?store=integrations&limit=50']);
    // Beside the target: clients each reading another page (up to 1 000 orders deep) share fewer reads.
    const pages = await load(
      ready.base,
      'GET /v1/orders?…&page=1…20',
      Array.from({ length: 20 }, (_, i) => `/v1/orders?store=integrations&limit=50&page=${i + 1}`),
    );
    const rows: SummaryRow[] = [{ figure: 'GET /health', value: perSecond(health.requestsPerSecond), target: '', met: undefined }];
    for (const [route, targeted] of [[list, true], [pages, false], [one, true]] as const) {
      const clean = route.non2xx === 0 && route.errors === 0;
      rows.push(
        { figure: `${route.name} req/s`, value: perSecond(route.requestsPerSecond), target: '' },
        { figure: `${route.name} req/s / health`, value: ratio(route.requestsPerSecond / health.requestsPerSecond), target: '' },
        { figure: `${route.name} p50`, value: `${route.p50} ms`, target: '' },
        targeted
          ? { figure: `${route.name} p99`, value: `${route.p99} ms`, target: '≤ 50 ms', met: route.p99 <= 50 && clean }
          : { figure: `${route.name} p99`, value: `${route.p99} ms${clean ? '' : ' (with errors)'}`, target: '' },
      );
    }
    printSummary(`bench:api (${ready.orders} orders, ${CONNECTIONS} connections, ${DURATION} s each)`, rows);
  } finally {
    clearTimeout(deadline);
    if (server.connected) server.send('close');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

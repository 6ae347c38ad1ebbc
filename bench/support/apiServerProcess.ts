// synchub's HTTP API over a throwaway store holding imported orders, in a process of its own so the load generator
// does not share its event loop. Started with fork(); env BENCH_PROFILE with BENCH_DATABASE_URL or BENCH_DATA_DIR,
// BENCH_ORDERS (the first size). Answers 'ready' once loaded; { kind: 'grow', orders } adds orders up to that many.
import { analyzeStaleTables } from '../../src/infrastructure/pglite/embeddedStatistics.js';
import { benchTargetFromEnv } from './benchProfile.js';
import { loadOrderHistories } from './orderHistories.js';
import { startSynchubService } from './synchubService.js';

/** Every 100th order's id: GET /v1/orders/:id walks across orders of the whole range. */
const SAMPLE_EVERY = 100;

async function main() {
  const target = benchTargetFromEnv();
  const service = await startSynchubService(target);
  const orderIds: string[] = [];
  let orders = 0;
  let events = 0;
  const grow = async (size: number) => {
    // Ready-made histories in multi-row INSERTs: loading is not what this benchmark measures.
    const loaded = await loadOrderHistories(service.sql, 'synchub', { from: orders, orders: size, updates: false });
    orderIds.push(...loaded.orderIds.filter((_, i) => i % SAMPLE_EVERY === 0));
    orders += loaded.orders;
    events += loaded.events;
    const started = Date.now();
    await service.caughtUp();
    // What autovacuum (postgres), or the embedded database's own look a minute later, does after a bulk load: without statistics the planner sorts every order.
    if (target.profile === 'embedded') await analyzeStaleTables(service.sql);
    else await service.sql.query('ANALYZE synchub.read_models');
    process.send!({ kind: 'ready', base: service.base, orderIds, orders, events, catchUpSeconds: (Date.now() - started) / 1000 });
  };
  process.on('message', async (message: any) => {
    if (message?.kind === 'grow') await grow(message.orders);
    if (message === 'close') {
      await service.close();
      process.exit(0);
    }
  });
  await grow(Number(process.env.BENCH_ORDERS ?? 100_000));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// synchub's HTTP API over a throwaway database holding 100 000 imported orders, in a process of its own so the
// load generator does not share its event loop. Started with fork(); env BENCH_DATABASE_URL, BENCH_ORDERS.
import { loadOrderHistories } from './orderHistories.js';
import { startSynchubService } from './synchubService.js';

async function main() {
  const service = await startSynchubService(process.env.BENCH_DATABASE_URL!);
  const loaded = await loadOrderHistories(service.sql, 'synchub', { orders: Number(process.env.BENCH_ORDERS ?? 100_000), updates: false });
  const started = Date.now();
  await service.caughtUp();
  // What autovacuum does within a minute of a bulk load in production: without statistics the planner sorts every order.
  await service.sql.query('ANALYZE synchub.read_models');
  process.send!({ kind: 'ready', base: service.base, orderIds: loaded.orderIds.filter((_, i) => i % 100 === 0), orders: loaded.orders, events: loaded.events, catchUpSeconds: (Date.now() - started) / 1000 });
  process.on('message', async (message) => {
    if (message === 'close') {
      await service.close();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

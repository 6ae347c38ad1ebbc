// Rebuilding the orders read model from 200 000 events, against plain read-all speed of the same log, in one run.
// Usage: npm run bench:rebuild   (BENCH_EVENTS changes the count, BENCH_PAGE the batch size)
import { ProjectionRunner } from '../src/application/projections/projectionRunner.js';
import { ordersProjection } from '../src/application/projections/ordersProjection.js';
import { PgSqlClient } from '../src/infrastructure/postgres/pgSqlClient.js';
import { PostgresEventStore } from '../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../src/infrastructure/postgres/postgresReadModels.js';
import { createBenchDatabase } from './support/benchDatabase.js';
import { loadOrderHistories } from './support/orderHistories.js';
import { perSecond, printSummary, ratio, timed } from './support/summary.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 500); // the runner's batch size

async function main() {
  const database = await createBenchDatabase('rebuild');
  const sql = PgSqlClient.connect(database.url, { max: 4 });
  try {
    const store = await PostgresEventStore.create(sql, { schema: 'synchub', ownsClient: false });
    const loaded = await loadOrderHistories(sql, 'synchub', { minEvents: EVENTS });
    await sql.exec('VACUUM ANALYZE synchub.events');
    console.log(`loaded ${loaded.events} events of ${loaded.orders} orders`);

    const plainRead = await timed(async () => {
      let after = 0;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1].position;
      }
    });
    // A rebuild is the runner starting from no checkpoint: read models of a fresh schema.
    const readModels = await PostgresReadModels.create(sql, { schema: 'rebuilt', ownsClient: false });
    const runner = new ProjectionRunner(store, readModels, ordersProjection, { batchSize: PAGE });
    const rebuild = await timed(async () => {
      await runner.catchUp();
      return loaded.events;
    });
    const { rows } = await sql.query<{ count: string }>(`SELECT count(*) AS count FROM rebuilt.read_models WHERE collection = 'orders'`).catch(
      () => ({ rows: [{ count: 'n/a' }] }),
    );
    console.log(`read-all (pages of ${PAGE}): ${plainRead.perSecond.toFixed(0)} events/s; rebuild of orders: ${rebuild.perSecond.toFixed(0)} events/s in ${rebuild.seconds.toFixed(1)} s; orders in the read model: ${rows[0].count}`);
    const share = rebuild.perSecond / plainRead.perSecond;
    printSummary('bench:rebuild (orders read model)', [
      { figure: `rebuild from ${loaded.events} events`, value: perSecond(rebuild.perSecond), target: '≥ 20,000/s', met: rebuild.perSecond >= 20_000 },
      { figure: 'plain read-all of the same log', value: perSecond(plainRead.perSecond), target: '' },
      { figure: 'rebuild / read-all', value: ratio(share), target: '' },
    ]);
  } finally {
    await sql.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

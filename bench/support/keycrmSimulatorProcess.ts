// The KeyCRM simulator in a process of its own, so its 100 000 orders do not count in synchub's memory.
// Started with fork(); env BENCH_ORDERS, BENCH_RPM (0 = unlimited), BENCH_START_AT. Answers 'report' with its request log and the CPU it spent serving.
import { seedKeycrmOrders, startKeycrmSimulator } from '../../simulators/keycrm/index.js';

import { BENCH_KEYCRM_KEY } from './benchKeycrmKey.js';
import { cpuMeter } from './cpuCost.js';

async function main() {
  const count = Number(process.env.BENCH_ORDERS ?? 20_000);
  const seeded = seedKeycrmOrders({ count, products: 2_000, buyers: 5_000, startAt: new Date(process.env.BENCH_START_AT!), seed: 7 });
  const simulator = await startKeycrmSimulator({
    apiKey: BENCH_KEYCRM_KEY,
    seedOrders: seeded,
    requestsPerMinute: Number(process.env.BENCH_RPM ?? 0),
    windowMs: 60_000,
  });
  seeded.length = 0;
  // The CPU of serving the pages, from here on: the seeding above is not part of an import.
  const serving = cpuMeter();
  process.on('message', async (message) => {
    if (message === 'report') {
      const admitted = simulator.requests.filter((r) => r.status !== 429);
      process.send!({
        kind: 'report',
        requests: simulator.requestCount,
        rateLimited: simulator.rateLimitedCount,
        firstAt: admitted[0]?.at,
        lastAt: admitted.at(-1)?.at,
        admitted: admitted.length,
        cpuSeconds: serving.stop().processSeconds,
      });
    }
    if (message === 'close') {
      await simulator.close();
      process.exit(0);
    }
  });
  process.send!({ kind: 'ready', baseUrl: simulator.baseUrl, orders: simulator.orders.size });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Rebuilding the orders read model from 200 000 events, against plain read-all of the same log, in one run, on the
// store the service composes (events read through upcasting, as a rebuild reads them), the way `synchub projections
// rebuild` does it: built aside while a live read model exists, then promoted over it.
// Usage: npm run bench:rebuild [-- --profile embedded|postgres|both]   (default postgres; BENCH_EVENTS changes the
//        count, BENCH_PAGE read-all's page, BENCH_BATCH the rebuild's batch, else the rebuild's own default;
//        BENCH_LAYOUT=apart lays the log out as a live one has it, each order's later events after other orders'
//        first ones, see loadOrderHistories)
import { rebuildProjection } from '../src/application/admin/rebuildProjection.js';
import { ordersProjection } from '../src/application/projections/ordersProjection.js';
import type { EventStore } from '../src/application/ports/eventStore.js';
import { compose } from '../src/infrastructure/composition/compose.js';
import { createLogger } from '../src/infrastructure/logging/logger.js';
import { benchProfiles, createBenchStore, type BenchProfile } from './support/benchProfile.js';
import { atEveryCoreBusy, coresBusy, cpuMeter, microsecondsEach, type CpuCost } from './support/cpuCost.js';
import { probeLive } from './support/liveProbe.js';
import { loadOrderHistories } from './support/orderHistories.js';
import { benchConfig } from './support/synchubService.js';
import { perSecond, printSummary, ratio, timed, type SummaryRow } from './support/summary.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 500);
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const LAYOUT = layout(process.env.BENCH_LAYOUT ?? 'together');

function layout(named: string): 'together' | 'apart' {
  if (named === 'together' || named === 'apart') return named;
  throw new Error(`BENCH_LAYOUT must be together or apart, got "${named}"`);
}

/** Reads the whole log a page at a time and counts it. */
async function readAll(store: EventStore): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].position;
  }
}

async function measureProfile(profile: BenchProfile): Promise<SummaryRow[]> {
  const database = await createBenchStore(profile, 'rebuild');
  // No jobs and no API: the composed stores only, with the projections' runners left idle.
  const synchub = await compose(benchConfig(database), {
    automations: false,
    logger: createLogger('error', { write: (line: string) => void process.stderr.write(line) }),
  });
  try {
    const sql = synchub.storage.sql!;
    const loaded = await loadOrderHistories(sql, 'synchub', { minEvents: EVENTS, layout: LAYOUT });
    await sql.exec('VACUUM ANALYZE synchub.events');
    console.log(`${profile}: loaded ${loaded.events} events of ${loaded.orders} orders, each order's events ${LAYOUT}`);

    // Once untimed: the first read of a freshly loaded log pays for warming caches that the others would not.
    await readAll(synchub.storedEvents);
    const plainRead = await metered(() => readAll(synchub.storedEvents));
    const upcastRead = await timed(() => readAll(synchub.storage.eventStore));
    // Untimed, the live read model a real rebuild replaces; then the rebuild, built aside and promoted over it.
    const { readModels, eventStore } = synchub.storage;
    await rebuildProjection(eventStore, readModels, ordersProjection, { batchSize: BATCH });
    // The live orders read model is used all along, as the service would: how long its commits and reads wait.
    const probe = probeLive(readModels, { projection: ordersProjection.name, collection: 'orders', id: loaded.orderIds[0] });
    const rebuild = await metered(async () => (await rebuildProjection(eventStore, readModels, ordersProjection, { batchSize: BATCH })).events);
    const waits = await probe.stop();
    const orders = await readModels.count('orders');
    console.log(
      `${profile}: read-all (pages of ${PAGE}) ${plainRead.perSecond.toFixed(0)} events/s, upcast ${upcastRead.perSecond.toFixed(0)} events/s; ` +
        `rebuild of orders ${rebuild.perSecond.toFixed(0)} events/s in ${rebuild.seconds.toFixed(1)} s; orders in the read model: ${orders}; ` +
        `cores busy: read-all ${coresBusy(plainRead.cpu).toFixed(2)}, rebuild ${coresBusy(rebuild.cpu).toFixed(2)} of ${rebuild.cpu.cores}`,
    );
    const share = rebuild.perSecond / plainRead.perSecond;
    // However the rebuild were spread over the cores, at its CPU per event it could go no faster than this.
    const best = atEveryCoreBusy(rebuild.count, rebuild.cpu);
    return [
      { figure: `${profile}: rebuild from ${loaded.events} events${LAYOUT === 'apart' ? ", each order's later events apart" : ''}`, value: perSecond(rebuild.perSecond), target: '≥ 20,000/s', met: rebuild.perSecond >= 20_000 },
      { figure: `${profile}: plain read-all of the same log`, value: perSecond(plainRead.perSecond), target: '' },
      { figure: `${profile}: read-all through upcasting`, value: perSecond(upcastRead.perSecond), target: '' },
      { figure: `${profile}: rebuild / plain read-all`, value: ratio(share), target: '≥ 0.50×', met: share >= 0.5 },
      {
        figure: `${profile}: CPU per event, whole machine (synchub's process): rebuild / read-all`,
        value: [rebuild, plainRead].map(({ cpu, count }) => `${microsecondsEach(cpu.machineSeconds, count)} (${microsecondsEach(cpu.processSeconds, count)})`).join(' / '),
        target: '',
      },
      { figure: `${profile}: best rebuild at this CPU per event, every core busy / plain read-all`, value: `${perSecond(best)} = ${ratio(best / plainRead.perSecond)}`, target: '' },
      // Embedded: the rebuild and the probe share the process's one thread and PGlite's one connection, so the probe
      // cannot run beside it, and says nothing.
      ...(profile === 'postgres'
        ? [{ figure: `${profile}: longest wait of a live commit / a live read during the rebuild (${waits.tries} tries)`, value: `${waits.write.toFixed(0)} ms / ${waits.read.toFixed(0)} ms`, target: '' }]
        : []),
    ];
  } finally {
    await synchub.storage.close();
    await database.drop();
  }
}

/** A timed piece of work with what it cost the machine in CPU. */
async function metered(work: () => Promise<number>): Promise<Awaited<ReturnType<typeof timed>> & { cpu: CpuCost }> {
  const meter = cpuMeter();
  const measured = await timed(work);
  return { ...measured, cpu: meter.stop() };
}

async function main() {
  const profiles = benchProfiles();
  const rows: SummaryRow[] = [];
  for (const profile of profiles) rows.push(...(await measureProfile(profile)));
  printSummary(`bench:rebuild (orders read model, ${profiles.join(' and ')}, each order's events ${LAYOUT})`, rows);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

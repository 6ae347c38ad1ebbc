// One end-to-end import in a fresh process (so its peak RSS is this import's): synchub over a throwaway store,
// one KeyCRM integration pointed at the simulator, one sync through the HTTP API, then wait for the read models.
// Started with fork(); env BENCH_PROFILE with BENCH_DATABASE_URL or BENCH_DATA_DIR, BENCH_KEYCRM_URL, BENCH_RPM
// (0 = unlimited), BENCH_FROM. Sends one 'result'.
import type { PlatformConnection } from '../../src/application/ports/platformClient.js';
import { KeycrmClient } from '../../src/infrastructure/platforms/keycrm/keycrmClient.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { writeHeapSnapshot } from 'node:v8';
import { BENCH_KEYCRM_KEY } from './benchKeycrmKey.js';
import { cpuMeter } from './cpuCost.js';
import { benchTargetFromEnv } from './benchProfile.js';
import { startSynchubService } from './synchubService.js';

async function main() {
  const rpm = Number(process.env.BENCH_RPM ?? 0);
  // The client paces to the same limit the simulator enforces; "unlimited" is a limit nothing reaches.
  const keycrm = (connection: PlatformConnection) =>
    new KeycrmClient({ baseUrl: connection.baseUrl, apiKey: connection.credentials.apiKey, requestsPerMinute: rpm > 0 ? rpm : 1_000_000, rateWindowMs: 60_000 });
  const service = await startSynchubService(benchTargetFromEnv(), { platforms: new PlatformAdapters({ keycrm }) });
  // The memory at the peak of RSS, by kind: whether the peak is the JS heap, buffers, or the process beside them.
  let phase = 'sync';
  let atPeak = { ...process.memoryUsage(), phase };
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > atPeak.rss) atPeak = { ...now, phase };
  };
  const sampler = setInterval(sample, 100);
  // BENCH_HEAP_SNAPSHOT=<dir>: heap snapshots when the sync ends and when the read models caught up, to see what stays.
  const snapshot = (name: string) => process.env.BENCH_HEAP_SNAPSHOT && writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOT}/${name}-${process.env.BENCH_ORDERS}.heapsnapshot`);
  try {
    const created = await service.call('POST', '/v1/integrations', {
      name: 'KeyCRM bench',
      platform: 'keycrm',
      storeName: 'Bench shop',
      baseUrl: process.env.BENCH_KEYCRM_URL,
      credentials: { apiKey: BENCH_KEYCRM_KEY },
      currency: 'UAH',
      productMatch: ['sku', 'name'],
      statusMap: [{ platform: '1', local: 'new' }],
    });
    if (created.status !== 201) throw new Error(`integration not created: ${JSON.stringify(created.body)}`);
    if (process.env.BENCH_DEBUG) console.error("integration created");
    const before = await service.lastPosition();
    const started = process.hrtime.bigint();
    const meter = cpuMeter();
    const sync = await service.call('POST', `/v1/integrations/${created.body.id}/sync`, { from: process.env.BENCH_FROM });
    if (sync.status !== 202) throw new Error(`sync not started: ${JSON.stringify(sync.body)}`);
    if (process.env.BENCH_DEBUG) console.error("sync started", sync.body);
    // With BENCH_HEAP_SNAPSHOT, one more while the run is nine tenths through: what the run itself holds.
    const midway = process.env.BENCH_HEAP_SNAPSHOT ? snapshotMidway(service, sync.body.runId, () => snapshot('midsync')) : undefined;
    await service.syncsDone();
    clearInterval(midway);
    phase = 'catch-up';
    snapshot('synced');
    if (process.env.BENCH_DEBUG) console.error("sync done", JSON.stringify((await service.call("GET", `/v1/sync-runs/${sync.body.runId}`)).body).slice(0, 400), await service.lastPosition());
    const imported = process.hrtime.bigint();
    const last = await service.caughtUp();
    const caughtUp = process.hrtime.bigint();
    const cpu = meter.stop();
    snapshot('caught-up');
    // The import's memory ends here: the run's report read next holds every order it rejected (60 000 at a million
    // orders, ~24 MB of documents), which is reading a report, not importing.
    clearInterval(sampler);
    sample();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const run = await service.call('GET', `/v1/sync-runs/${sync.body.runId}`);
    process.send!({
      kind: 'result',
      status: run.body.status,
      error: run.body.error,
      counts: run.body.counts,
      events: last - before,
      importSeconds: Number(imported - started) / 1e9,
      totalSeconds: Number(caughtUp - started) / 1e9,
      peakRss: atPeak.rss,
      atPeak,
      maxRss,
      pgliteMemory: service.pgliteMemoryBytes(),
      cpu,
    });
  } finally {
    clearInterval(sampler);
    await service.close();
  }
}

/** Polls the run's counts and snapshots the heap once nine tenths of the orders were processed. */
function snapshotMidway(service: Awaited<ReturnType<typeof startSynchubService>>, runId: string, take: () => void): NodeJS.Timeout {
  const due = 0.9 * Number(process.env.BENCH_ORDERS);
  let taken = false;
  const timer: NodeJS.Timeout = setInterval(async () => {
    const counts: Record<string, number> = (await service.call('GET', `/v1/sync-runs/${runId}`)).body.counts ?? {};
    if (taken || Object.values(counts).reduce((a, b) => a + b, 0) < due) return;
    taken = true;
    clearInterval(timer);
    take();
  }, 2_000);
  return timer;
}

// The IPC channel to the parent would keep the process alive: leave once the result is sent.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

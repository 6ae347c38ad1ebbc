import { expect } from 'chai';
import { loadState } from '../../src/application/commands/commandHandler.js';
import type { ImportDependencies } from '../../src/application/import/importDependencies.js';
import { reportWebhookOutcome, webhookIntakeRunId } from '../../src/application/import/webhookIntakeReport.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { SYNC_RUNS_COLLECTION, syncRunsProjection, type SyncRunDocument } from '../../src/application/projections/syncRunsProjection.js';
import { syncRunDecider, syncRunStream } from '../../src/domain/syncRun/syncRunDecider.js';
import type { OrderOutcomeRecord } from '../../src/domain/syncRun/syncRunEvents.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const imported = (externalId: string): OrderOutcomeRecord => ({ externalId, outcome: 'imported', orderId: `o-${externalId}` });
const rejected = (externalId: string): OrderOutcomeRecord => ({ externalId, outcome: 'rejected', reason: `order ${externalId} is in USD` });

describe('Webhook intake report: one run per integration and day takes every delivery’s outcome', () => {
  async function intake() {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, syncRunsProjection);
    const deps = { store, readModels } as unknown as ImportDependencies;
    const report = async (outcome: OrderOutcomeRecord, at: string) => {
      await reportWebhookOutcome(deps, 'i1', outcome, at);
      await runner.catchUp();
    };
    const run = (at: string) => readModels.get<SyncRunDocument>(SYNC_RUNS_COLLECTION, webhookIntakeRunId('i1', at));
    return { store, report, run };
  }

  it('given deliveries of one day, then one run of that day (trigger webhook, receiving) counts each, rejections with their reason', async () => {
    const { store, report, run } = await intake();
    await report(imported('1'), '2026-11-20T08:00:00.000Z');
    await report(rejected('2'), '2026-11-20T09:30:00.000Z');
    const doc = (await run('2026-11-20T12:00:00.000Z'))!;
    expect(doc).to.include({ integrationId: 'i1', trigger: 'webhook', status: 'receiving', finishedAt: null });
    expect(doc.window).to.deep.equal({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' });
    expect(doc.counts).to.deep.equal({ imported: 1, updated: 0, unchanged: 0, rejected: 1, skipped: 0 });
    expect(await loadState(store, syncRunDecider, syncRunStream(doc.id))).to.include({ status: 'receiving' });
  });

  it('given a delivery on the next day, then a new run takes it and the day before is closed with its counts', async () => {
    const { report, run } = await intake();
    await report(rejected('2'), '2026-11-20T23:59:00.000Z');
    await report(imported('3'), '2026-11-21T00:01:00.000Z');
    const before = (await run('2026-11-20T23:59:00.000Z'))!;
    expect(before).to.include({ status: 'succeeded', finishedAt: '2026-11-21T00:00:00.000Z' });
    expect(before.counts.rejected).to.equal(1);
    const today = (await run('2026-11-21T00:01:00.000Z'))!;
    expect(today).to.include({ status: 'receiving' });
    expect(today.counts.imported).to.equal(1);
  });
});

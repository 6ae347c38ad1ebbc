import { expect } from 'chai';
import { handleCommand } from '../../src/application/commands/commandHandler.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { syncRunReport } from '../../src/application/projections/syncRunReport.js';
import {
  SYNC_RUN_OUTCOMES_COLLECTION,
  SYNC_RUNS_COLLECTION,
  syncRunsProjection,
  type SyncRunDocument,
} from '../../src/application/projections/syncRunsProjection.js';
import { syncRunDecider, syncRunStream, type SyncRunCommand } from '../../src/domain/syncRun/syncRunDecider.js';
import type { OrderOutcomeRecord } from '../../src/domain/syncRun/syncRunEvents.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const window = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' };
const rejected = (externalId: string): OrderOutcomeRecord => ({ externalId, outcome: 'rejected', reason: `order ${externalId} is in USD` });
const imported = (externalId: string): OrderOutcomeRecord => ({ externalId, outcome: 'imported', orderId: `o-${externalId}` });

describe('Sync run report', () => {
  it('given a run of three pages with rejections on two, then the run document keeps counts and the report lists every rejection in page order', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const run = (command: SyncRunCommand) => handleCommand(store, syncRunDecider, syncRunStream('r1'), command);
    await run({ type: 'StartSyncRun', data: { runId: 'r1', integrationId: 'i1', trigger: 'api', window, at: window.to } });
    await run({ type: 'RecordOutcomes', data: { outcomes: [imported('1'), rejected('2')] } });
    await run({ type: 'RecordOutcomes', data: { outcomes: [imported('3')] } });
    await run({ type: 'RecordOutcomes', data: { outcomes: [rejected('4'), { externalId: '5', outcome: 'skipped', reason: 'status 9 is not a capture status' }] } });
    await run({ type: 'FinishSyncRun', data: { at: window.to } });

    await new ProjectionRunner(store, readModels, syncRunsProjection).catchUp();

    const doc = (await readModels.get<SyncRunDocument>(SYNC_RUNS_COLLECTION, 'r1'))!;
    expect(doc.counts).to.deep.equal({ imported: 2, updated: 0, unchanged: 0, rejected: 2, skipped: 1 });
    expect(doc).not.to.have.property('rejected');
    expect(await readModels.find(SYNC_RUN_OUTCOMES_COLLECTION, { where: { runId: 'r1' } })).to.have.length(2);
    const report = await syncRunReport(readModels, doc);
    expect(report.status).to.equal('succeeded');
    expect(report.rejected).to.deep.equal([
      { externalId: '2', reason: 'order 2 is in USD' },
      { externalId: '4', reason: 'order 4 is in USD' },
    ]);
    expect(report.skipped).to.deep.equal([{ externalId: '5', reason: 'status 9 is not a capture status' }]);
  });

  it('given a run document written with its lists inline (before outcomes had their own collection), then the report still shows them', async () => {
    const readModels = new MemoryReadModels();
    const legacy = {
      id: 'r0', integrationId: 'i1', status: 'succeeded', trigger: 'api', window, startedAt: window.from, finishedAt: window.to,
      counts: { imported: 0, updated: 0, unchanged: 0, rejected: 1, skipped: 0 }, error: null, version: 2,
      rejected: [{ externalId: '9', reason: 'no buyer' }], skipped: [],
    } as SyncRunDocument;
    const report = await syncRunReport(readModels, legacy);
    expect(report.rejected).to.deep.equal([{ externalId: '9', reason: 'no buyer' }]);
  });
});

import { expect } from 'chai';
import { closeStalledSyncRuns, STALLED_AFTER_MS } from '../../src/application/import/stalledSyncRuns.js';
import type { ImportDependencies } from '../../src/application/import/importDependencies.js';
import { handleCommand, loadState } from '../../src/application/commands/commandHandler.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { syncRunsProjection } from '../../src/application/projections/syncRunsProjection.js';
import { syncRunDecider, syncRunStream } from '../../src/domain/syncRun/syncRunDecider.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

describe('Sync runs cut short by a crash', () => {
  async function withRunningRun() {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, syncRunsProjection);
    const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };
    await handleCommand(store, syncRunDecider, syncRunStream('r1'), { type: 'StartSyncRun', data: { runId: 'r1', integrationId: 'i1', trigger: 'api', window, at: new Date().toISOString() } });
    await runner.catchUp();
    const deps = (clock: () => Date) => ({ store, readModels, clock }) as unknown as ImportDependencies;
    return { store, deps };
  }

  it('given a run silent for longer than a live run ever is, when the next run starts, then it is closed as interrupted', async () => {
    const { store, deps } = await withRunningRun();
    const closed = await closeStalledSyncRuns(deps(() => new Date(Date.now() + STALLED_AFTER_MS + 60_000)), 'i1');
    expect(closed).to.equal(1);
    const state = await loadState(store, syncRunDecider, syncRunStream('r1'));
    expect(state).to.include({ status: 'failed' });
    expect((state as { error: string }).error).to.match(/^interrupted: no progress for 31 minutes/);
  });

  it('given a run that recorded progress recently, then it is left running', async () => {
    const { store, deps } = await withRunningRun();
    expect(await closeStalledSyncRuns(deps(() => new Date(Date.now() + 5 * 60_000)), 'i1')).to.equal(0);
    expect(await loadState(store, syncRunDecider, syncRunStream('r1'))).to.include({ status: 'running' });
  });
});

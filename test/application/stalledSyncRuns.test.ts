import { expect } from 'chai';
import { closeOrphanedSyncRuns, closeStalledSyncRuns, STALLED_AFTER_MS } from '../../src/application/import/stalledSyncRuns.js';
import type { RunOwner } from '../../src/domain/syncRun/syncRunEvents.js';
import { OsProcess } from '../../src/infrastructure/process/osProcess.js';
import type { ImportDependencies } from '../../src/application/import/importDependencies.js';
import { handleCommand, loadState } from '../../src/application/commands/commandHandler.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { syncRunsProjection } from '../../src/application/projections/syncRunsProjection.js';
import { syncRunDecider, syncRunStream } from '../../src/domain/syncRun/syncRunDecider.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

describe('Sync runs cut short by a crash', () => {
  async function withRunningRun(owner?: RunOwner) {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, syncRunsProjection);
    const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };
    await handleCommand(store, syncRunDecider, syncRunStream('r1'), { type: 'StartSyncRun', data: { runId: 'r1', integrationId: 'i1', trigger: 'api', window, at: new Date().toISOString(), owner } });
    await runner.catchUp();
    const deps = (clock: () => Date, thisProcess?: OsProcess) => ({ store, readModels, clock, thisProcess }) as unknown as ImportDependencies;
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

  describe('at the start of a process', () => {
    const thisProcess = new OsProcess();
    const now = () => new Date();
    const error = async (store: MemoryEventStore) => (await loadState(store, syncRunDecider, syncRunStream('r1'))) as { status: string; error?: string };

    it('given a run owned by a process of this host that no longer exists, when a process starts, then the run is failed with "the process running it stopped"', async () => {
      const { store, deps } = await withRunningRun({ host: thisProcess.owner.host, pid: 2 ** 22 + 12_345, instance: 'gone' });
      expect(await closeOrphanedSyncRuns(deps(now, thisProcess))).to.equal(1);
      expect(await error(store)).to.deep.include({ status: 'failed', error: 'interrupted: the process running it stopped; its window is read again' });
    });

    it('given a run owned by an earlier process that had the pid this one has now (a restarted container), then it is failed too', async () => {
      const { store, deps } = await withRunningRun({ ...thisProcess.owner, instance: 'before the restart' });
      expect(await closeOrphanedSyncRuns(deps(now, thisProcess))).to.equal(1);
      expect((await error(store)).status).to.equal('failed');
    });

    it('given a run owned by a live process of this host, or by this process, then it is left running', async () => {
      for (const owner of [{ host: thisProcess.owner.host, pid: process.ppid, instance: 'the parent' }, thisProcess.owner]) {
        const { store, deps } = await withRunningRun(owner);
        expect(await closeOrphanedSyncRuns(deps(now, thisProcess))).to.equal(0);
        expect((await error(store)).status).to.equal('running');
      }
    });

    it('given a run owned by a process on another host, then only its silence past the bound closes it', async () => {
      const { store, deps } = await withRunningRun({ host: 'another-host', pid: 1, instance: 'elsewhere' });
      expect(await closeOrphanedSyncRuns(deps(now, thisProcess))).to.equal(0);
      expect(await closeOrphanedSyncRuns(deps(() => new Date(Date.now() + STALLED_AFTER_MS + 60_000), thisProcess))).to.equal(1);
      expect((await error(store)).error).to.match(/^interrupted: no progress for 31 minutes \(the process running it stopped\)/);
    });
  });
});

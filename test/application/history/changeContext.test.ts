import { expect } from 'chai';
import { runAutomation } from '../../../src/application/automations/automationRun.js';
import { handleCommand } from '../../../src/application/commands/commandHandler.js';
import type { ImportDependencies } from '../../../src/application/import/importDependencies.js';
import { silentLogger } from '../../../src/application/ports/logger.js';
import { childChangeContext, withChangeContext, type ChangeContext } from '../../../src/application/context/changeContext.js';
import type { Decider } from '../../../src/domain/shared/decider.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';

type Noted = { type: 'Noted'; data: { text: string } };
type Note = { type: 'Note'; data: { text: string } };
/** Appends what it is told: enough to see what handleCommand stamps. */
const notes: Decider<null, Note, Noted> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'Noted', data: { text: command.data.text } }],
};
const note = (text: string): Note => ({ type: 'Note', data: { text } });

const request: ChangeContext = { actor: 'token:t-1', source: 'local', correlationId: 'corr-1', causationId: 'req-1' };

describe('Change context: who and why on every appended event', () => {
  it('given a context, when a command appends, then each event carries actor, source, correlation, causation and schema version', async () => {
    const store = new MemoryEventStore();
    await withChangeContext(request, () => handleCommand(store, notes, 'note-1', note('a')));
    const [event] = await store.readStream('note-1');
    expect(event.metadata).to.deep.equal({ actor: 'token:t-1', source: 'local', correlationId: 'corr-1', causationId: 'req-1', schemaVersion: 1 });
  });

  it('given a context, when the caller passes metadata, then the caller wins field by field', async () => {
    const store = new MemoryEventStore();
    await withChangeContext(request, () => handleCommand(store, notes, 'note-1', note('a'), { metadata: { actor: 'automation:stock-push', extra: 1 } }));
    const [event] = await store.readStream('note-1');
    expect(event.metadata).to.include({ actor: 'automation:stock-push', source: 'local', correlationId: 'corr-1', extra: 1 });
  });

  it('given no context, then the change is the system\'s, with a correlation id of its own per command', async () => {
    const store = new MemoryEventStore();
    await handleCommand(store, notes, 'note-1', note('a'));
    await handleCommand(store, notes, 'note-1', note('b'));
    const [first, second] = await store.readStream('note-1');
    expect(first.metadata).to.include({ actor: 'system', source: 'local', causationId: null });
    expect(first.metadata.correlationId).to.be.a('string').and.not.equal(second.metadata.correlationId);
  });

  it('given a request context, when a sync run opens its own, then the actor stays, source and correlation are the run\'s', async () => {
    const store = new MemoryEventStore();
    await withChangeContext(request, async () => {
      const run = childChangeContext({ source: 'platform', correlationId: 'run-1', causationId: 'start-event' });
      await withChangeContext(run, () => handleCommand(store, notes, 'note-1', note('imported')));
      // Back in the request once the run's work is done.
      await handleCommand(store, notes, 'note-1', note('local'));
    });
    const [imported, local] = await store.readStream('note-1');
    expect(imported.metadata).to.include({ actor: 'token:t-1', source: 'platform', correlationId: 'run-1', causationId: 'start-event' });
    expect(local.metadata).to.include({ actor: 'token:t-1', source: 'local', correlationId: 'corr-1' });
  });

  it('given work started in a context, then it keeps that context after awaits and timers', async () => {
    const store = new MemoryEventStore();
    await withChangeContext(request, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await handleCommand(store, notes, 'note-1', note('later'));
    });
    const [event] = await store.readStream('note-1');
    expect(event.metadata.correlationId).to.equal('corr-1');
  });

  it('given a job run started from a request, then its events are the automation\'s, correlated by the run and caused by its start', async () => {
    const store = new MemoryEventStore();
    const deps = { store, readModels: new MemoryReadModels(), logger: silentLogger, clock: () => new Date() } as unknown as ImportDependencies;
    const probe = {
      name: 'context-probe',
      title: 'Context probe',
      defaultIntervalMs: null,
      platforms: ['keycrm' as const],
      run: async () => {
        await handleCommand(store, notes, 'note-1', note('done by the job'));
        return { noted: 1 };
      },
    };
    const { runId } = await withChangeContext(request, () =>
      runAutomation(deps, probe, 'i1', { touch: async () => undefined, signal: new AbortController().signal }),
    );
    const run = await store.readStream(`automationrun-${runId}`);
    const [work] = await store.readStream('note-1');
    expect(run.map((e) => e.type)).to.deep.equal(['AutomationRunStarted', 'AutomationRunFinished']);
    for (const event of [...run, work]) {
      expect(event.metadata).to.include({ actor: 'automation:context-probe', source: 'automation', correlationId: runId });
    }
    expect(work.metadata.causationId).to.equal(run[0].id);
    expect(run[1].metadata).to.include({ causationId: run[0].id, schemaVersion: 2 });
  });
});

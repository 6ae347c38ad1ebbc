import { expect } from 'chai';
import sinon from 'sinon';
import { handleCommand, handleCommands } from '../../src/application/commands/commandHandler.js';
import { VersionConflictError, type EventStore } from '../../src/application/ports/eventStore.js';
import type { Decider } from '../../src/domain/shared/decider.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';

type Added = { type: 'Added'; data: { amount: number } };
type Add = { type: 'Add'; data: { amount: number } };
/** A tally that records additions and ignores zero: enough to exercise load, decide and append. */
const tally: Decider<number, Add, Added> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.amount,
  decide: (command) => (command.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: command.data.amount } }]),
};
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });

describe('command handler', () => {
  it('given several commands of one request, when the last is refused, then none of their events is appended; when all are accepted, then they are one append', async () => {
    const store = new MemoryEventStore();
    const strict: Decider<number, Add, Added> = {
      ...tally,
      decide: (command, state) => {
        if (state + command.data.amount > 10) throw new Error('over the limit');
        return tally.decide(command, state);
      },
    };
    const append = sinon.spy(store, 'appendToStream');
    const refused = await handleCommands(store, strict, 'tally-2', [add(4), add(5), add(2)]).catch((error: Error) => error);
    expect(refused).to.be.instanceOf(Error).with.property('message', 'over the limit');
    expect(await store.readStream('tally-2')).to.deep.equal([]);
    const result = await handleCommands(store, strict, 'tally-2', [add(4), add(5)]);
    expect(result.state).to.equal(9);
    expect((await store.readStream('tally-2')).map((e) => e.data)).to.deep.equal([{ amount: 4 }, { amount: 5 }]);
    expect(append.callCount).to.equal(1);
  });

  it('given a stream, when a command is handled, then its events are appended at the version that was read', async () => {
    const store = new MemoryEventStore();
    await handleCommand(store, tally, 'tally-1', add(2));
    const result = await handleCommand(store, tally, 'tally-1', add(3), { metadata: { actor: 'test' } });
    expect(result.state).to.equal(5);
    expect(result.version).to.equal(1);
    const stored = await store.readStream('tally-1');
    expect(stored.map((e) => e.data)).to.deep.equal([{ amount: 2 }, { amount: 3 }]);
    expect(stored[1].metadata).to.include({ actor: 'test', schemaVersion: 1 });
  });

  it('given the stream the caller already read, then the first attempt decides on it without reading again', async () => {
    const store = new MemoryEventStore();
    await handleCommand(store, tally, 'tally-1', add(2));
    const history = await store.readStream('tally-1');
    const read = sinon.spy(store, 'readStream');
    const result = await handleCommand(store, tally, 'tally-1', add(3), { history });
    expect(read.called).to.equal(false);
    expect(result.state).to.equal(5);
  });

  it('given a stream read before another writer appended, when handled with it, then the conflict makes it read and decide again', async () => {
    const store = new MemoryEventStore();
    await handleCommand(store, tally, 'tally-1', add(2));
    const stale = await store.readStream('tally-1');
    await handleCommand(store, tally, 'tally-1', add(10));
    const result = await handleCommand(store, tally, 'tally-1', add(3), { history: stale });
    expect(result.state).to.equal(15);
    expect((await store.readStream('tally-1')).map((e) => e.data)).to.deep.equal([{ amount: 2 }, { amount: 10 }, { amount: 3 }]);
  });

  it('given a command that appends, then it answers the ids the events were stored with', async () => {
    const store = new MemoryEventStore();
    const result = await handleCommand(store, tally, 'tally-1', add(2));
    expect(result.eventIds).to.have.length(1);
    expect((await store.readStream('tally-1')).map((e) => e.id)).to.deep.equal(result.eventIds);
  });

  it('given a command that decides nothing, then nothing is appended', async () => {
    const store = new MemoryEventStore();
    const result = await handleCommand(store, tally, 'tally-1', add(0));
    expect(result).to.deep.equal({ state: 0, newEvents: [], version: -1, eventIds: [] });
    expect(await store.readStream('tally-1')).to.deep.equal([]);
  });

  it('given a concurrent writer, when the append conflicts, then the command is decided again on fresh state', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('tally-1', [{ type: 'Added', data: { amount: 1 } }]);
    const append = sinon.stub(store, 'appendToStream').callThrough();
    // The first append loses a race: another writer gets in between read and append.
    append.onFirstCall().callsFake(async () => {
      append.restore();
      await store.appendToStream('tally-1', [{ type: 'Added', data: { amount: 10 } }]);
      sinon.stub(store, 'appendToStream').callThrough();
      throw new VersionConflictError('tally-1', 0, 1);
    });
    const result = await handleCommand(store, tally, 'tally-1', add(5));
    expect(result.state).to.equal(16);
    expect((await store.readStream('tally-1')).map((e) => e.version)).to.deep.equal([0, 1, 2]);
  });

  it('given conflicts on every attempt, then it gives up after maxAttempts with the conflict', async () => {
    const store = sinon.createStubInstance(MemoryEventStore) as unknown as sinon.SinonStubbedInstance<EventStore>;
    store.readStream.resolves([]);
    store.appendToStream.rejects(new VersionConflictError('tally-1', 'no_stream', 0));
    const error = await handleCommand(store, tally, 'tally-1', add(1), { maxAttempts: 3 }).catch((e) => e);
    expect(error).to.be.instanceOf(VersionConflictError);
    expect(store.appendToStream.callCount).to.equal(3);
  });

  it('given other errors, then they are not retried', async () => {
    const store = sinon.createStubInstance(MemoryEventStore) as unknown as sinon.SinonStubbedInstance<EventStore>;
    store.readStream.resolves([]);
    store.appendToStream.rejects(new Error('connection lost'));
    const error = await handleCommand(store, tally, 'tally-1', add(1)).catch((e) => e);
    expect(error.message).to.equal('connection lost');
    expect(store.appendToStream.callCount).to.equal(1);
  });
});

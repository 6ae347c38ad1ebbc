import { expect } from 'chai';
import { PageChangeSet } from '../../../src/application/import/pageChangeSet.js';
import { StreamsConflictError, VersionConflictError } from '../../../src/application/ports/eventStore.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';

const event = (type: string) => ({ type, data: {} });
const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('A page change set', () => {
  it('given a part appended to a stream, when another part reads it, then it sees the stored events and the pending ones, and nothing is stored before the commit', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('contact-c', [event('ContactRegistered')]);
    const changes = await PageChangeSet.read(store, ['contact-c']);

    await changes.as(0).appendToStream('contact-c', [event('BuyerRecorded')], { expectedVersion: 0 });
    expect(types(await changes.as(1).readStream('contact-c'))).to.deep.equal(['ContactRegistered', 'BuyerRecorded']);
    expect(types(await store.readStream('contact-c'))).to.deep.equal(['ContactRegistered']);

    await changes.commit();
    expect(types(await store.readStream('contact-c'))).to.deep.equal(['ContactRegistered', 'BuyerRecorded']);
  });

  it('given a part appends at a version the page has moved past, then it is a version conflict within the page', async () => {
    const changes = await PageChangeSet.read(new MemoryEventStore(), ['contact-c']);
    await changes.as(0).appendToStream('contact-c', [event('ContactRegistered')], { expectedVersion: 'no_stream' });
    const error = await changes.as(1).appendToStream('contact-c', [event('ContactRegistered')], { expectedVersion: 'no_stream' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(VersionConflictError);
  });

  it('given streams decided in turn, when committed, then they go in the order they were first decided', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('syncrun-r', [event('SyncRunStarted')]);
    const changes = await PageChangeSet.read(store, []);
    await changes.as(0).appendToStream('contact-a', [event('ContactRegistered')], { expectedVersion: 'no_stream' });
    await changes.as(1).appendToStream('contact-b', [event('ContactRegistered')], { expectedVersion: 'no_stream' });
    await changes.as(0).appendToStream('order-a', [event('OrderImported')], { expectedVersion: 'no_stream' });
    await changes.as(1).appendToStream('contact-a', [event('BuyerRecorded')], { expectedVersion: 0 });
    // The run knows its stream's version and appends without the page reading it.
    await changes.as('run').appendToStream('syncrun-r', [event('SyncRunOrdersProcessed')], { expectedVersion: 0 });

    await changes.commit();
    const log = await store.readAll({ maxCount: 10 });
    expect(log.map((e) => `${e.streamName}:${e.type}`)).to.deep.equal([
      'syncrun-r:SyncRunStarted',
      'contact-a:ContactRegistered',
      'contact-a:BuyerRecorded',
      'contact-b:ContactRegistered',
      'order-a:OrderImported',
      'syncrun-r:SyncRunOrdersProcessed',
    ]);
  });

  describe('after a refused commit', () => {
    async function pageOfThree() {
      const store = new MemoryEventStore();
      const changes = await PageChangeSet.read(store, ['order-0', 'order-1', 'order-2', 'contact-shared']);
      await changes.as(0).appendToStream('contact-shared', [event('ContactRegistered')], { expectedVersion: 'no_stream' });
      await changes.as(0).appendToStream('order-0', [event('OrderImported')], { expectedVersion: 'no_stream' });
      // Part 1 saw part 0's contact before it recorded its buyer there.
      await changes.as(1).readStream('contact-shared');
      await changes.as(1).appendToStream('contact-shared', [event('BuyerRecorded')], { expectedVersion: 0 });
      await changes.as(1).appendToStream('order-1', [event('OrderImported')], { expectedVersion: 'no_stream' });
      await changes.as(2).appendToStream('order-2', [event('OrderImported')], { expectedVersion: 'no_stream' });
      return { store, changes };
    }
    const conflictOn = (stream: string, written: string[] = []) => new StreamsConflictError([new VersionConflictError(stream, 'no_stream', 0)], written);

    it("given a conflict on one part's own stream, then that part and the part that saw its events are redone, the third is kept", async () => {
      const { store, changes } = await pageOfThree();
      await store.appendToStream('order-0', [event('OrderImported')]);

      const redo = changes.redoAfter(conflictOn('order-0'));

      expect([...redo].sort()).to.deep.equal([0, 1]);
      expect(types(await changes.as(0).readStream('order-0')), 'read again from the store').to.deep.equal(['OrderImported']);
      expect(types(await changes.as(0).readStream('contact-shared')), 'the redone parts left nothing').to.deep.equal([]);
      await changes.commit();
      expect(types(await store.readStream('order-2'))).to.deep.equal(['OrderImported']);
      expect(types(await store.readStream('order-1'))).to.deep.equal([]);
    });

    it('given a conflict after the streams before it were written (EventStoreDB), then those stay and a part that only saw them is kept', async () => {
      const { store, changes } = await pageOfThree();
      await store.appendToStreams([{ streamName: 'contact-shared', events: [event('ContactRegistered'), event('BuyerRecorded')] }]);
      await store.appendToStream('order-0', [event('OrderImported')]);

      const redo = changes.redoAfter(conflictOn('order-0', ['contact-shared']));

      expect([...redo]).to.deep.equal([0]);
      expect(types(await changes.as(0).readStream('contact-shared'))).to.deep.equal(['ContactRegistered', 'BuyerRecorded']);
      await changes.commit();
      expect(types(await store.readStream('order-1'))).to.deep.equal(['OrderImported']);
      expect(types(await store.readStream('contact-shared')), 'the written stream is not sent again').to.deep.equal(['ContactRegistered', 'BuyerRecorded']);
    });
  });
});

import { expect } from 'chai';
import type { ReadModels } from '../../src/application/ports/readModels.js';
import { ORDER_COUNTS_COLLECTION } from '../../src/application/projections/orderCounts.js';
import { ORDERS_COLLECTION, ordersProjection } from '../../src/application/projections/ordersProjection.js';
import type { Projection } from '../../src/application/projections/projection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';
import { appendOrders } from './admin/orderEventLog.js';

const counter: Projection = {
  name: 'counter',
  collections: ['counts'],
  handles: new Set(['Counted']),
  async apply(event, tx) {
    const current = await tx.get<{ n: number }>('counts', event.streamName);
    await tx.put('counts', event.streamName, { n: (current?.n ?? 0) + 1 });
  },
};

async function documents(readModels: ReadModels, collection: string) {
  return readModels.scan(collection, { limit: 10_000 });
}

describe('ProjectionRunner: a catch-up works out each batch while the one before commits', () => {
  it('given an order log, when one runner catches up in batches worked out ahead and another follows it live, then both read models hold the same documents', async () => {
    const store = new MemoryEventStore();
    await appendOrders(store, { orders: 30, statusChanges: 3 });
    const live = new MemoryReadModels();
    const following = new ProjectionRunner(store, live, ordersProjection, { batchSize: 7 });
    await following.start();
    const caughtUp = new MemoryReadModels();

    const read = await new ProjectionRunner(store, caughtUp, ordersProjection, { batchSize: 5 }).catchUp();

    expect(read).to.equal(120);
    expect(await documents(caughtUp, ORDERS_COLLECTION)).to.have.length(30);
    expect(await documents(caughtUp, ORDERS_COLLECTION)).to.deep.equal(await documents(live, ORDERS_COLLECTION));
    expect(await documents(caughtUp, ORDER_COUNTS_COLLECTION)).to.deep.equal(await documents(live, ORDER_COUNTS_COLLECTION));
    expect(await caughtUp.checkpoint('orders')).to.equal(await live.checkpoint('orders'));
    await following.stop();
  });

  it('given another runner of the projection that went further while a batch was worked out, then that batch is worked out again in its transaction: the checkpoint never moves back and each event counts once', async () => {
    const store = new MemoryEventStore();
    for (let i = 0; i < 8; i++) await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    const shared = new MemoryReadModels();
    // Runner A's read models: after its first commit, two more events arrive and runner B applies all ten.
    const forA = Object.create(shared) as MemoryReadModels;
    const checkpoints: number[] = [];
    let commits = 0;
    forA.transact = async (projection, work) => {
      await shared.transact(projection, work);
      if (++commits === 1) {
        await store.appendToStream('c-1', [{ type: 'Counted', data: {} }, { type: 'Counted', data: {} }]);
        await new ProjectionRunner(store, shared, counter).catchUp();
      }
      checkpoints.push((await shared.checkpoint('counter'))!);
    };

    await new ProjectionRunner(store, forA, counter, { batchSize: 1 }).catchUp();

    expect(await shared.get('counts', 'c-1')).to.deep.equal({ n: 10 });
    expect(checkpoints).to.deep.equal([...checkpoints].sort((a, b) => a - b));
    expect(checkpoints[checkpoints.length - 1]).to.equal(10);
  });

  it('given a batch whose commit fails while the next is worked out, then the catch-up fails with that error and stores nothing after it', async () => {
    const store = new MemoryEventStore();
    for (let i = 0; i < 6; i++) await store.appendToStream(`c-${i}`, [{ type: 'Counted', data: {} }]);
    // Reading takes a while, as over a network: the commit fails while the next page is on its way.
    const readAll = store.readAll.bind(store);
    store.readAll = async (options) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return readAll(options);
    };
    const readModels = new MemoryReadModels();
    readModels.transact = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);

    const error = await new ProjectionRunner(store, readModels, counter, { batchSize: 2 }).catchUp().catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', listener);

    expect((error as Error).message).to.equal('connect ECONNREFUSED 127.0.0.1:5432');
    expect(unhandled).to.deep.equal([]);
    expect(await readModels.checkpoint('counter')).to.equal(undefined);
  });
});

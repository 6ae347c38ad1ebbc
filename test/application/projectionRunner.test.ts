import { expect } from 'chai';
import type { ReadModels } from '../../src/application/ports/readModels.js';
import { ORDER_COUNTS_COLLECTION } from '../../src/application/projections/orderCounts.js';
import { ORDERS_COLLECTION, ordersProjection } from '../../src/application/projections/ordersProjection.js';
import type { Projection } from '../../src/application/projections/projection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';
import { eventually } from '../support/eventually.js';
import { appendOrders, orderEvents } from './admin/orderEventLog.js';

const counter: Projection = {
  name: 'counter',
  collections: ['counts'],
  handles: new Set(['Counted']),
  async apply(event, tx) {
    const current = await tx.get<{ n: number }>('counts', event.streamName);
    await tx.put('counts', event.streamName, { n: (current?.n ?? 0) + 1 });
  },
};

describe('ProjectionRunner: reading your own writes', () => {
  it('given a running projection, when an event is appended, then waitUntilApplied resolves once the read model has it', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, counter);
    await runner.start();
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);

    expect(await runner.waitUntilApplied(lastPosition, 2_000)).to.equal(true);
    expect(await readModels.get('counts', 'c-1')).to.deep.equal({ n: 1 });
    await runner.stop();
  });

  it('given a stopped projection, when waiting for a position it never reaches, then it answers false after the timeout', async () => {
    const store = new MemoryEventStore();
    const runner = new ProjectionRunner(store, new MemoryReadModels(), counter);
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);

    expect(await runner.waitUntilApplied(lastPosition, 50)).to.equal(false);
  });

  it('given a projection restarted from its checkpoint, then positions already applied count as reached', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    await new ProjectionRunner(store, readModels, counter).catchUp();

    const restarted = new ProjectionRunner(store, readModels, counter);
    await restarted.start();
    expect(await restarted.waitUntilApplied(lastPosition, 50)).to.equal(true);
    await restarted.stop();
  });
});

describe('ProjectionRunner: a following runner works out each batch from what it knows', () => {
  it('given a following runner, when another runner of the projection commits meanwhile, then the batch is applied in its transaction and the next is worked out from the store, not from what the follower knew', async () => {
    const store = new MemoryEventStore();
    const shared = new MemoryReadModels();
    const follower = Object.create(shared) as MemoryReadModels;
    let commits = 0;
    // The follower's second commit finds the checkpoint moved: another runner applied two more events first.
    follower.transact = async (projection, work) => {
      if (++commits === 2) {
        await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
        await new ProjectionRunner(store, shared, counter).catchUp();
      }
      await shared.transact(projection, work);
    };
    const runner = new ProjectionRunner(store, follower, counter);
    await runner.start();
    await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    await eventually(async () => expect(await shared.get('counts', 'c-1')).to.deep.equal({ n: 1 }));

    await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    await eventually(async () => expect(await shared.get('counts', 'c-1')).to.deep.equal({ n: 3 }));
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);

    expect(await runner.waitUntilApplied(lastPosition, 2_000)).to.equal(true);
    expect(await shared.get('counts', 'c-1')).to.deep.equal({ n: 4 });
    expect(await shared.checkpoint('counter')).to.equal(lastPosition);
    await runner.stop();
  });
});

describe('ProjectionRunner: events it does not handle', () => {
  /** Read models that count the transactions a runner commits. */
  function countingReadModels() {
    const readModels = new MemoryReadModels();
    let transactions = 0;
    const transact = readModels.transact.bind(readModels);
    readModels.transact = (projection, work) => {
      transactions++;
      return transact(projection, work);
    };
    return { readModels, transactions: () => transactions };
  }

  it('given a log of events the projection does not handle, then it commits no transaction per batch, yet its stored checkpoint reaches the end of the log within a second', async () => {
    const store = new MemoryEventStore();
    const { readModels, transactions } = countingReadModels();
    const runner = new ProjectionRunner(store, readModels, counter, { batchSize: 10 });
    await runner.start();
    let last = 0;
    for (let i = 0; i < 50; i++) last = (await store.appendToStream(`other-${i}`, [{ type: 'SomethingElse', data: {} }])).lastPosition;

    expect(await runner.waitUntilApplied(last, 2_000)).to.equal(true);
    await eventually(async () => expect(await readModels.checkpoint('counter')).to.equal(last), 3_000);
    expect(transactions()).to.be.below(5);
    await runner.stop();
  });

  it('given a handled event after a stretch it passed over, then the event is applied and the checkpoint is at it', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    await store.appendToStream('other-1', [{ type: 'SomethingElse', data: {} }]);
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    const runner = new ProjectionRunner(store, readModels, counter, { batchSize: 1 });

    await runner.catchUp();

    expect(await readModels.get('counts', 'c-1')).to.deep.equal({ n: 1 });
    expect(await readModels.checkpoint('counter')).to.equal(lastPosition);
  });
});

describe('ProjectionRunner: a lost database', () => {
  it('given the read-model store failing for a while, when it comes back, then the projection follows again from its checkpoint and applies everything once', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, counter, { retryAfterMs: 20 });
    await runner.start();
    // The database goes away: every write of a batch fails until it is back.
    let down = true;
    const transact = readModels.transact.bind(readModels);
    readModels.transact = async (...args: Parameters<typeof transact>) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return transact(...args);
    };
    await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runner.status()).to.deep.equal({ projection: 'counter', state: 'retrying', lastError: 'connect ECONNREFUSED 127.0.0.1:5432' });

    down = false;
    expect(await runner.waitUntilApplied(lastPosition, 3_000)).to.equal(true);
    expect(await readModels.get('counts', 'c-1')).to.deep.equal({ n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runner.status().state).to.equal('following');
    await runner.stop();
    expect(runner.status().state).to.equal('stopped');
  });
});

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

/** The order log of `appendOrders`, laid out as a live log has it: every order's nth event after every order's (n-1)th. */
async function appendOrdersInRounds(store: MemoryEventStore, orders: number, statusChanges: number): Promise<void> {
  const histories = Array.from({ length: orders }, (_, n) => orderEvents(n, statusChanges, 'int-1'));
  for (let round = 0; round <= statusChanges; round++) {
    for (const [n, events] of histories.entries()) await store.appendToStream(`order-o${n}`, [events[round]]);
  }
}

/** Read models counting how many times each document is written. */
function countingWrites(): { readModels: MemoryReadModels; writes: Map<string, number> } {
  const readModels = new MemoryReadModels();
  const writes = new Map<string, number>();
  const transact = readModels.transact.bind(readModels);
  readModels.transact = (projection, work) =>
    transact(projection, (tx) =>
      work({
        ...tx,
        get checkpoint() {
          return tx.checkpoint;
        },
        put: async (collection, id, doc) => {
          writes.set(`${collection}/${id}`, (writes.get(`${collection}/${id}`) ?? 0) + 1);
          return tx.put(collection, id, doc);
        },
      }),
    );
  return { readModels, writes };
}

const orderWrites = (writes: Map<string, number>) => [...writes].filter(([k]) => k.startsWith(`${ORDERS_COLLECTION}/`)).map(([, n]) => n);

describe('ProjectionRunner: a side copy catching up defers its writes', () => {
  it('given orders that change in later batches than their import, when a catch-up defers its writes, then it holds what a catch-up writing every batch holds, each order written once instead of at each change', async () => {
    const store = new MemoryEventStore();
    await appendOrdersInRounds(store, 30, 3);
    const everyBatch = countingWrites();
    const deferring = countingWrites();

    await new ProjectionRunner(store, everyBatch.readModels, ordersProjection, { batchSize: 7 }).catchUp();
    const read = await new ProjectionRunner(store, deferring.readModels, ordersProjection, { batchSize: 7 }).catchUp({ deferWrites: true });

    expect(read).to.equal(120);
    expect(await documents(deferring.readModels, ORDERS_COLLECTION)).to.have.length(30);
    expect(await documents(deferring.readModels, ORDERS_COLLECTION)).to.deep.equal(await documents(everyBatch.readModels, ORDERS_COLLECTION));
    expect(await documents(deferring.readModels, ORDER_COUNTS_COLLECTION)).to.deep.equal(await documents(everyBatch.readModels, ORDER_COUNTS_COLLECTION));
    expect(await deferring.readModels.checkpoint('orders')).to.equal(120);
    expect(orderWrites(everyBatch.writes)).to.deep.equal(Array(30).fill(4));
    expect(orderWrites(deferring.writes)).to.deep.equal(Array(30).fill(1));
  });

  it('given a runner keeping fewer documents than a batch changes, then documents leave memory written, are read back when changed again, and the copy is the same', async () => {
    const store = new MemoryEventStore();
    await appendOrdersInRounds(store, 30, 3);
    const everyBatch = new MemoryReadModels();
    const deferring = countingWrites();

    await new ProjectionRunner(store, everyBatch, ordersProjection, { batchSize: 5 }).catchUp();
    await new ProjectionRunner(store, deferring.readModels, ordersProjection, { batchSize: 5 }).catchUp({ deferWrites: true, keep: 3 });

    expect(await documents(deferring.readModels, ORDERS_COLLECTION)).to.deep.equal(await documents(everyBatch, ORDERS_COLLECTION));
    expect(await documents(deferring.readModels, ORDER_COUNTS_COLLECTION)).to.deep.equal(await documents(everyBatch, ORDER_COUNTS_COLLECTION));
    expect(await deferring.readModels.checkpoint('orders')).to.equal(await everyBatch.checkpoint('orders'));
    expect(Math.max(...orderWrites(deferring.writes))).to.be.greaterThan(1);
  });

  it('given another writer that moves the checkpoint during a catch-up deferring its writes, then the catch-up fails saying so, rather than applying a batch again to documents never written', async () => {
    const store = new MemoryEventStore();
    for (let i = 0; i < 8; i++) await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    const shared = new MemoryReadModels();
    const forA = Object.create(shared) as MemoryReadModels;
    let commits = 0;
    forA.transact = async (projection, work) => {
      await shared.transact(projection, work);
      if (++commits === 1) await new ProjectionRunner(store, shared, counter).catchUp();
    };

    const error = await new ProjectionRunner(store, forA, counter, { batchSize: 1 }).catchUp({ deferWrites: true }).catch((e: Error) => e);

    expect((error as Error).message).to.equal('Another writer moved the checkpoint of counter during its replay; run it again');
    // Nothing committed after the failure: the checkpoint is where the other writer left it.
    expect(await shared.checkpoint('counter')).to.equal(8);
    expect(commits).to.equal(1);
  });
});

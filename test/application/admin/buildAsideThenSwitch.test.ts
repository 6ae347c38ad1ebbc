import { expect } from 'chai';
import { checkProjection } from '../../../src/application/admin/checkProjection.js';
import { rebuildProjection } from '../../../src/application/admin/rebuildProjection.js';
import type { EventStore } from '../../../src/application/ports/eventStore.js';
import type { ReadModels } from '../../../src/application/ports/readModels.js';
import { ORDERS_COLLECTION, ordersProjection } from '../../../src/application/projections/ordersProjection.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { PostgresEventStore } from '../../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import type { SqlClient } from '../../../src/infrastructure/postgres/sqlClient.js';
import { connectTestPostgres, dropSchema, sharedInMemoryPglite, uniqueSchema, unclosable } from '../../support/databases.js';
import { appendOrders } from './orderEventLog.js';

interface Stores {
  store: EventStore;
  readModels: ReadModels;
  close(): Promise<void>;
}

const adapters: { name: string; open(): Promise<Stores> }[] = [
  {
    name: 'memory',
    open: async () => ({ store: new MemoryEventStore(), readModels: new MemoryReadModels(), close: async () => undefined }),
  },
  { name: 'postgres', open: () => sqlStores(connectTestPostgres(4)) },
  { name: 'pglite', open: async () => sqlStores(unclosable(await sharedInMemoryPglite())) },
];

async function sqlStores(sql: SqlClient): Promise<Stores> {
  const schema = uniqueSchema('aside');
  const store = await PostgresEventStore.create(sql, { schema, ownsClient: false, pollIntervalMs: 20 });
  const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
  return {
    store,
    readModels,
    close: async () => {
      await dropSchema(sql, schema);
      await sql.close();
    },
  };
}

for (const adapter of adapters) {
  describe(`build aside, then switch (${adapter.name})`, function () {
    this.timeout(30_000);
    let stores: Stores;
    beforeEach(async () => (stores = await adapter.open()));
    afterEach(async () => stores.close());

    it('rebuild replaces a damaged live read model, and the live runner goes on from the new checkpoint', async () => {
      // Given a live runner over 50 orders, and one order damaged behind its back.
      const { store, readModels } = stores;
      await appendOrders(store, { orders: 50, statusChanges: 2 });
      const live = new ProjectionRunner(store, readModels, ordersProjection, { batchSize: 40 });
      await live.start();
      await readModels.transact('damage', async (tx) => {
        await tx.put(ORDERS_COLLECTION, 'o7', { id: 'o7', status: 'lost' });
        return 0;
      });
      expect((await checkProjection(store, readModels, ordersProjection)).identical).to.equal(false);

      // When it is rebuilt while the live runner keeps running, and more events arrive afterwards.
      const progress: number[] = [];
      const report = await rebuildProjection(store, readModels, ordersProjection, { batchSize: 30, onProgress: (p) => progress.push(p.done) });
      await appendOrders(store, { orders: 5, statusChanges: 1, first: 50 });
      const { lastPosition } = await store.appendToStream('order-o7', [
        { type: 'StatusChanged', data: { from: 'shipped', to: 'cancelled', source: 'platform', at: '2024-02-01T00:00:00.000Z' } },
      ]);

      // Then the damage is gone, new events reach the switched-in model, and nothing of the side copy is left.
      expect(await live.waitUntilApplied(lastPosition, 10_000)).to.equal(true);
      expect(report.events).to.equal(150);
      expect(progress.length).to.be.greaterThan(1);
      expect((await readModels.get<{ status: string }>(ORDERS_COLLECTION, 'o7'))?.status).to.equal('cancelled');
      expect(await readModels.count(ORDERS_COLLECTION)).to.equal(55);
      expect(await readModels.count('orders__rebuild')).to.equal(0);
      expect(await readModels.checkpoint('orders__rebuild')).to.equal(undefined);
      const check = await checkProjection(store, readModels, ordersProjection);
      expect(check.identical, JSON.stringify(check.drift)).to.equal(true);
      expect(await readModels.count('orders__check')).to.equal(0);
      await live.stop();
    });

    it('switch catches the side copy up to the live checkpoint under the live lock', async () => {
      // Given a side copy behind the live read model.
      const { store, readModels } = stores;
      await appendOrders(store, { orders: 10, statusChanges: 1 });
      await new ProjectionRunner(store, readModels, ordersProjection).catchUp();
      const liveAt = await readModels.checkpoint('orders');

      // When promoted with a catch-up that reports how far the live model was.
      let seen: number | undefined;
      await readModels.promote({ live: 'orders', side: 'orders__side', collections: [{ live: ORDERS_COLLECTION, side: 'orders__side' }] }, async (tx, liveCheckpoint) => {
        seen = liveCheckpoint;
        expect(tx.checkpoint).to.equal(undefined);
        await tx.put('orders__side', 'only', { id: 'only' });
        return liveCheckpoint!;
      });

      // Then the live collection is exactly the side one, at the live checkpoint.
      expect(seen).to.equal(liveAt);
      expect((await readModels.scan(ORDERS_COLLECTION, { limit: 100 })).map((d) => d.id)).to.deep.equal(['only']);
      expect(await readModels.checkpoint('orders')).to.equal(liveAt);
      expect(await readModels.count('orders__side')).to.equal(0);
    });

    it('refuses to switch in a copy that is behind the live read model, leaving the live one as it was', async () => {
      const { store, readModels } = stores;
      await appendOrders(store, { orders: 3, statusChanges: 0 });
      await new ProjectionRunner(store, readModels, ordersProjection).catchUp();
      const error = await readModels
        .promote({ live: 'orders', side: 'orders__side', collections: [{ live: ORDERS_COLLECTION, side: 'orders__side' }] }, async () => 1)
        .catch((e: Error) => e);
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.contain('behind the live read model');
      expect(await readModels.count(ORDERS_COLLECTION)).to.equal(3);
    });

    it('scan pages through a collection in id order', async () => {
      const { readModels } = stores;
      await readModels.transact('p', async (tx) => {
        for (const id of ['b', 'a', 'd', 'c', 'e']) await tx.put('letters', id, { id, n: id.charCodeAt(0) });
        return 1;
      });
      const first = await readModels.scan('letters', { limit: 2 });
      const second = await readModels.scan('letters', { afterId: first[1].id, limit: 10 });
      expect([...first, ...second].map((d) => d.id)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      expect(second[0].doc).to.deep.equal({ id: 'c', n: 99 });
    });
  });
}

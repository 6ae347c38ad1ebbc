import { expect } from 'chai';
import type { OrderEvent } from '../../src/domain/order/orderEvents.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../../src/application/projections/ordersProjection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const at = '2026-11-01T10:00:00.000Z';
const delivery = { method: 'Nova Poshta', cost: 7_000, recipient: 'Olena Koval', address: 'Kyiv, branch 12' };
const imported: OrderEvent = {
  type: 'OrderImported',
  data: {
    orderId: 'o1',
    integrationId: 'i1',
    externalId: '1001',
    storeName: 'Kyiv shop',
    platformUrl: 'https://acme.keycrm.app/app/orders/view/1001',
    platformStatus: '1',
    createdAtPlatform: '2026-10-31T09:00:00.000Z',
    responsibleUser: null,
    syncedAt: at,
    number: '1001',
    status: 'new',
    customer: { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' },
    items: [{ productId: 'p1', sku: 'TS', name: 'T-shirt', quantity: 2, price: 45_000, kind: 'product', deductible: false }],
    discounts: [],
    discountTotal: 0,
    delivery,
    total: 97_000,
    currency: 'UAH',
    comment: '',
  },
};
const moved: OrderEvent = {
  type: 'DeliveryChanged',
  data: { previous: delivery, delivery: { ...delivery, method: 'Ukrposhta', cost: 9_500, address: 'Lviv, branch 3' }, at },
};
const statusChanged: OrderEvent = { type: 'StatusChanged', data: { from: 'new', to: 'paid', source: 'platform', platformStatus: '2', at } };

async function project(events: OrderEvent[], { deliverTwice = false } = {}) {
  const store = new MemoryEventStore();
  const readModels = new MemoryReadModels();
  await store.appendToStream('order-o1', events);
  const runner = new ProjectionRunner(store, readModels, ordersProjection);
  await runner.catchUp();
  if (deliverTwice) {
    // The same events handed over again, as after a crash between write and checkpoint, and once more alone.
    await readModels.reset('orders-replay', []);
    for (const recorded of await store.readAll({ maxCount: 100 })) {
      await readModels.transact('orders-replay', async (tx) => {
        await ordersProjection.apply(recorded, tx);
        return recorded.position;
      });
    }
  }
  return (await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o1'))!;
}

describe('Orders read model', () => {
  it('given an imported order, then its document carries the platform fields and a feed line with the delivery', async () => {
    const doc = await project([imported]);
    expect(doc).to.include({ id: 'o1', source: 'integration', externalId: '1001', storeName: 'Kyiv shop', status: 'new', total: 97_000, lastSyncedAt: at });
    expect(doc.feed).to.have.length(1);
    expect(doc.feed[0].text).to.contain('Nova Poshta').and.contain('70.00 UAH').and.contain('Kyiv, branch 12');
  });

  it('given a delivery change, then the feed gets a comment with the new method, cost and address', async () => {
    const doc = await project([imported, moved]);
    expect(doc.delivery).to.include({ method: 'Ukrposhta', cost: 9_500 });
    const last = doc.feed[doc.feed.length - 1];
    expect(last.type).to.equal('DeliveryChanged');
    expect(last.text).to.contain('Ukrposhta').and.contain('95.00 UAH').and.contain('Lviv, branch 3');
  });

  it('given events delivered twice, then the document is the same as when delivered once', async () => {
    const once = await project([imported, moved, statusChanged]);
    const twice = await project([imported, moved, statusChanged], { deliverTwice: true });
    expect(twice).to.deep.equal(once);
    expect(twice.feed).to.have.length(3);
    expect(twice.status).to.equal('paid');
  });
});

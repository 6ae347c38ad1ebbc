import { expect } from 'chai';
import type { RecordedEvent } from '../../src/application/ports/eventStore.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../../src/application/projections/ordersProjection.js';
import type { OrderEvent } from '../../src/domain/order/orderEvents.js';
import type { OrderItem } from '../../src/domain/order/orderParts.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';
import { findOrderPage, type OrdersFilter } from '../../src/application/queries/findOrders.js';

const at = (minute: number) => `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`;
const customer = { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' };
const shirt: OrderItem = { productId: 'p1', sku: 'TS-1', name: 'T-shirt', quantity: 2, price: 45_000, kind: 'product', deductible: false };
const mug: OrderItem = { productId: 'p2', sku: 'MUG', name: 'Mug', quantity: 1, price: 12_050, kind: 'product', deductible: false };
const delivery = { method: 'Meest Express', cost: 6_500, recipient: 'Olena Koval', address: 'Odesa, Deribasivska 1' };

const imported: OrderEvent = {
  type: 'OrderImported',
  data: {
    orderId: 'o7',
    integrationId: 'i1',
    externalId: '77',
    storeName: 'Odesa shop',
    platformUrl: 'https://odesa.example/orders/77',
    platformStatus: '1',
    createdAtPlatform: at(0),
    responsibleUser: null,
    syncedAt: at(1),
    number: 'W-77',
    status: 'new',
    customer,
    items: [shirt, mug],
    discounts: [{ name: 'Promo', amount: 2_050 }],
    discountTotal: 2_050,
    delivery,
    total: 106_500,
    currency: 'UAH',
    comment: 'Source order 5501',
  },
};
const created: OrderEvent = {
  type: 'OrderCreated',
  data: {
    orderId: 'o8',
    createdAt: at(3),
    number: 'L-1',
    status: 'new',
    customer,
    items: [{ ...shirt, deductible: true }],
    discounts: [],
    discountTotal: 0,
    delivery: null,
    total: 90_000,
    currency: 'EUR',
    comment: 'by phone',
  },
};

function recorded(streamName: string, version: number, event: OrderEvent, position = version + 1): RecordedEvent {
  return { id: `${streamName}:${version}`, streamName, version, position, type: event.type, data: event.data, metadata: {}, recordedAt: new Date(at(0)) };
}

/** Hands events straight to the projection, without a runner's checkpoint: the document's own version must guard it. */
async function applied(readModels: MemoryReadModels, events: RecordedEvent[]): Promise<void> {
  for (const event of events) {
    await readModels.transact('orders-test', async (tx) => {
      await ordersProjection.apply(event, tx);
      return event.position;
    });
  }
}

async function orderAfter(events: OrderEvent[], id = 'o7'): Promise<OrderDocument | undefined> {
  const readModels = new MemoryReadModels();
  await applied(readModels, events.map((event, version) => recorded(`order-${id}`, version, event)));
  return readModels.get<OrderDocument>(ORDERS_COLLECTION, id);
}

describe('Orders projection', () => {
  it('declares the orders collection and every order event it reads', () => {
    expect(ordersProjection.name).to.equal('orders');
    expect(ordersProjection.collections).to.deep.equal(['orders', 'order_counts']);
    for (const type of ['OrderImported', 'OrderCreated', 'StatusChanged', 'OrderItemsChanged', 'QuantityChangeRefused', 'DeliveryChanged', 'OrderSyncedFromPlatform', 'WriteOffDone', 'OrderRefreshRequested']) {
      expect(ordersProjection.handles.has(type), type).to.equal(true);
    }
  });

  it('given OrderImported, then one document in minor units with the platform facts, keyed by the id after the first dash', async () => {
    const doc = (await orderAfter([imported]))!;
    expect(doc).to.include({
      id: 'o7',
      number: 'W-77',
      source: 'integration',
      integrationId: 'i1',
      externalId: '77',
      storeName: 'Odesa shop',
      platformUrl: 'https://odesa.example/orders/77',
      status: 'new',
      platformStatus: '1',
      currency: 'UAH',
      total: 106_500,
      discountTotal: 2_050,
      createdAtPlatform: at(0),
      lastSyncedAt: at(1),
      createdAt: at(0),
      comment: 'Source order 5501',
      writtenOff: false,
      lastRefreshAt: null,
      version: 0,
    });
    expect(doc.customer).to.deep.equal(customer);
    expect(doc.items).to.deep.equal([shirt, mug]);
    expect(doc.delivery).to.deep.equal(delivery);
    expect(doc.feed).to.have.length(1);
    expect(doc.feed[0]).to.include({ type: 'OrderImported', at: at(1) });
    expect(doc.feed[0].text).to.contain('Meest Express').and.contain('65.00 UAH').and.contain('Olena Koval').and.contain('Odesa, Deribasivska 1');
  });

  it('given OrderCreated, then a local order without platform fields, created at the command time', async () => {
    const doc = (await orderAfter([created], 'o8'))!;
    expect(doc).to.include({ id: 'o8', source: 'local', integrationId: null, externalId: null, storeName: null, platformUrl: null, platformStatus: null, createdAtPlatform: null, lastSyncedAt: null, createdAt: at(3), currency: 'EUR', total: 90_000, delivery: null });
    expect(doc.feed.map((f) => f.type)).to.deep.equal(['OrderCreated']);
    expect(doc.feed[0].text).to.contain('L-1');
  });

  it('given a platform status change, then status and platform status move and the feed says from → to and where', async () => {
    const doc = (await orderAfter([imported, { type: 'StatusChanged', data: { from: 'new', to: 'shipped', source: 'platform', platformStatus: '6', at: at(5) } }]))!;
    expect(doc).to.include({ status: 'shipped', platformStatus: '6', updatedAt: at(5), version: 1 });
    const line = doc.feed[1]!;
    expect(line.type).to.equal('StatusChanged');
    expect(line.text).to.contain('new').and.contain('shipped').and.contain('platform');
  });

  it('given a local status change, then the platform status stays and the feed says it was local', async () => {
    const doc = (await orderAfter([imported, { type: 'StatusChanged', data: { from: 'new', to: 'cancelled', source: 'local', at: at(5) } }]))!;
    expect(doc).to.include({ status: 'cancelled', platformStatus: '1' });
    expect(doc.feed[1]!.text).to.contain('cancelled').and.contain('locally');
  });

  it('given changed items, then items, discounts and totals are replaced and the feed lists the quantities', async () => {
    const items = [{ ...shirt, quantity: 3 }];
    const doc = (await orderAfter([imported, { type: 'OrderItemsChanged', data: { items, discounts: [], discountTotal: 0, total: 135_000, at: at(6) } }]))!;
    expect(doc.items).to.deep.equal(items);
    expect(doc).to.include({ total: 135_000, discountTotal: 0, updatedAt: at(6) });
    expect(doc.discounts).to.deep.equal([]);
    expect(doc.feed[1]!.text).to.contain('T-shirt × 3').and.contain('1350.00 UAH');
  });

  it('given a refused quantity change, then the items stay and the feed names the lines, from → to, and the reason', async () => {
    const refusal: OrderEvent = {
      type: 'QuantityChangeRefused',
      data: {
        changes: [{ sku: 'MUG', name: 'Mug', from: 1, to: 4 }],
        platformItems: [shirt, { ...mug, quantity: 4 }],
        reason: 'The stock of this order was written off',
        at: at(9),
      },
    };
    const doc = (await orderAfter([imported, { type: 'WriteOffDone', data: { at: at(8) } }, refusal]))!;
    expect(doc.items).to.deep.equal([shirt, mug]);
    expect(doc.writtenOff).to.equal(true);
    const line = doc.feed.at(-1)!;
    expect(line).to.include({ type: 'QuantityChangeRefused', at: at(9) });
    expect(line.text).to.contain('Mug 1 → 4').and.contain('The stock of this order was written off');
  });

  it('given a delivery change, then the delivery is replaced and the feed carries the new method, cost and address', async () => {
    const next = { method: 'Self pickup point', cost: 12_345, recipient: 'Ivan Koval', address: 'Kharkiv, Sumska 10' };
    const doc = (await orderAfter([imported, { type: 'DeliveryChanged', data: { previous: delivery, delivery: next, at: at(7) } }]))!;
    expect(doc.delivery).to.deep.equal(next);
    const line = doc.feed.at(-1)!;
    expect(line.type).to.equal('DeliveryChanged');
    expect(line.text).to.contain('Self pickup point').and.contain('123.45 UAH').and.contain('Kharkiv, Sumska 10').and.not.contain('Meest');
  });

  it('given the delivery removed, then delivery is null and the feed says so', async () => {
    const doc = (await orderAfter([imported, { type: 'DeliveryChanged', data: { previous: delivery, delivery: null, at: at(7) } }]))!;
    expect(doc.delivery).to.equal(null);
    expect(doc.feed.at(-1)!.text).to.match(/removed/i);
  });

  it('given a sync from the platform, then lastSyncedAt and platformStatus move and the feed stays quiet', async () => {
    const doc = (await orderAfter([imported, { type: 'OrderSyncedFromPlatform', data: { platformStatus: '2', syncedAt: at(20) } }]))!;
    expect(doc).to.include({ lastSyncedAt: at(20), platformStatus: '2', status: 'new', version: 1 });
    expect(doc.feed).to.have.length(1);
  });

  it('given a write-off and a refresh request, then writtenOff and lastRefreshAt are set and both appear in the feed', async () => {
    const doc = (await orderAfter([imported, { type: 'WriteOffDone', data: { at: at(8) } }, { type: 'OrderRefreshRequested', data: { at: at(30) } }]))!;
    expect(doc).to.include({ writtenOff: true, lastRefreshAt: at(30), version: 2 });
    expect(doc.feed.map((f) => f.type)).to.deep.equal(['OrderImported', 'WriteOffDone', 'OrderRefreshRequested']);
    expect(doc.feed[1]!.text).to.match(/written off/i);
    expect(doc.feed[2]!.text).to.match(/refresh/i);
  });

  it('given the same events delivered again, one by one and all together, then the document is unchanged', async () => {
    const events = [
      recorded('order-o7', 0, imported),
      recorded('order-o7', 1, { type: 'StatusChanged', data: { from: 'new', to: 'paid', source: 'platform', platformStatus: '2', at: at(4) } }),
      recorded('order-o7', 2, { type: 'DeliveryChanged', data: { previous: delivery, delivery: { ...delivery, cost: 7_000 }, at: at(5) } }),
    ];
    const readModels = new MemoryReadModels();
    await applied(readModels, events);
    const once = await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o7');
    await applied(readModels, [events[1]!, events[0]!, ...events]);
    const again = await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o7');
    expect(again).to.deep.equal(once);
    expect(again!.feed).to.have.length(3);
    expect(again!.version).to.equal(2);
  });

  it('given a read model gone wrong, when the projection is rebuilt from the events, then every order document comes back as first projected', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    await store.appendToStream('order-o7', [imported, { type: 'WriteOffDone', data: { at: at(8) } }]);
    await store.appendToStream('order-o8', [created]);
    const runner = new ProjectionRunner(store, readModels, ordersProjection);
    await runner.catchUp();
    const o7 = await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o7');
    const o8 = await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o8');
    // A document ahead of its stream would hide every event from an incremental run: only a reset clears it.
    await readModels.transact('tampering', async (tx) => {
      await tx.put(ORDERS_COLLECTION, 'o7', { ...o7!, status: 'tampered', version: 99 });
      return 1;
    });
    await runner.rebuild();
    expect(await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o7')).to.deep.equal(o7);
    expect(await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o8')).to.deep.equal(o8);
    expect(o7).to.include({ status: 'new', writtenOff: true, version: 1 });
    expect(o8).to.include({ source: 'local', version: 0 });
  });

  it('given a change for an order it never saw created, then no document appears', async () => {
    const readModels = new MemoryReadModels();
    await applied(readModels, [recorded('order-ghost', 3, { type: 'WriteOffDone', data: { at: at(1) } })]);
    expect(await readModels.get(ORDERS_COLLECTION, 'ghost')).to.equal(undefined);
  });
});

describe('Order counts kept with the orders', () => {
  it('given orders imported, created and moved between statuses, then each list total is the number of its orders, also after a duplicate delivery', async () => {
    const readModels = new MemoryReadModels();
    const statusChanged: OrderEvent = { type: 'StatusChanged', data: { from: 'new', to: 'paid', source: 'platform', platformStatus: '2', at: at(5) } };
    const events = [
      recorded('order-o7', 0, imported, 1),
      recorded('order-o8', 0, created, 2),
      recorded('order-o9', 0, { ...imported, data: { ...imported.data, orderId: 'o9', externalId: '99' } } as OrderEvent, 3),
      recorded('order-o7', 1, statusChanged, 4),
    ];
    await applied(readModels, [...events, events[3]]);
    const total = (filter: Partial<OrdersFilter>) => findOrderPage(readModels, { store: 'all', page: 1, limit: 1, ...filter }).then((page) => page.total);
    expect(await total({})).to.equal(3);
    expect(await total({ store: 'integrations' })).to.equal(2);
    expect(await total({ store: 'local' })).to.equal(1);
    expect(await total({ store: 'integrations', status: 'new' })).to.equal(1);
    expect(await total({ status: 'paid' })).to.equal(1);
    expect(await total({ integrationId: 'i1', status: 'new' })).to.equal(1);
    expect(await total({ integrationId: 'i2' })).to.equal(0);
  });
});

import { expect } from 'chai';
import type { OrderDocument } from '../../../src/application/projections/ordersProjection.js';
import { ListedOrderJson, type ListedJson } from '../../../src/interfaces/http/listedOrderJson.js';
import { presentOrder } from '../../../src/interfaces/http/orderPresentation.js';

function order(id: string, version: number, status = 'new'): OrderDocument {
  return {
    id, number: `N-${id}`, source: 'integration', integrationId: 'int-1', externalId: id, storeName: 'Shop', platformUrl: null, status,
    platformStatus: null, currency: 'UAH', total: 10_050, discountTotal: 0, discounts: [], createdAtPlatform: null, responsibleUser: null, paymentAccount: null,
    lastSyncedAt: null, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
    customer: { contactId: 'c', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: '' },
    items: [], delivery: null, comment: '', writtenOff: false, lastRefreshAt: null, pendingPush: null, pushPending: false,
    paymentCheckAbandoned: false, shipment: null, deliveryInfoPending: false, awaitingDelivery: false, feed: [], version,
  };
}

/** The orders as stored now, and every id the cache asked to load. */
function storedOrders(...orders: OrderDocument[]) {
  const stored = new Map(orders.map((o) => [o.id, o]));
  const loads: string[][] = [];
  const load = async (ids: string[]) => {
    loads.push(ids);
    return ids.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : []));
  };
  return { stored, loads, load };
}

const parsed = (listed: ListedJson[]) => listed.map((item) => JSON.parse(item.json.toString('utf8')));

describe('The JSON of listed orders, kept per version', () => {
  it('given a page listed once, when listed again at the same versions, then nothing is loaded and the JSON is the presented order', async () => {
    const { loads, load } = storedOrders(order('a', 1), order('b', 2));
    const listed = new ListedOrderJson(load);
    const first = await listed.of([{ id: 'a', version: 1 }, { id: 'b', version: 2 }]);
    const second = await listed.of([{ id: 'b', version: 2 }, { id: 'a', version: 1 }]);
    expect(loads).to.deep.equal([['a', 'b']]);
    expect(parsed(first)).to.deep.equal([presentOrder(order('a', 1)), presentOrder(order('b', 2))]);
    expect(parsed(second).map((o) => o.id)).to.deep.equal(['b', 'a']);
  });

  it('given a kept order, when the page names a later version, then that order alone is loaded again and shown as it is now', async () => {
    const { stored, loads, load } = storedOrders(order('a', 1), order('b', 1));
    const listed = new ListedOrderJson(load);
    await listed.of([{ id: 'a', version: 1 }, { id: 'b', version: 1 }]);
    stored.set('a', order('a', 2, 'paid'));
    const page = parsed(await listed.of([{ id: 'a', version: 2 }, { id: 'b', version: 1 }]));
    expect(loads.at(-1)).to.deep.equal(['a']);
    expect(page.map((o) => [o.id, o.status])).to.deep.equal([['a', 'paid'], ['b', 'new']]);
    expect(listed.size().orders).to.equal(2);
  });

  it('given an order gone since the page was read (a rebuild from zero), then the page leaves it out', async () => {
    const { load } = storedOrders(order('a', 1));
    const page = await new ListedOrderJson(load).of([{ id: 'a', version: 1 }, { id: 'gone', version: 4 }]);
    expect(parsed(page).map((o) => o.id)).to.deep.equal(['a']);
  });

  it('given more JSON than the budget, then the least recently listed orders are dropped first', async () => {
    const orders = ['a', 'b', 'c'].map((id) => order(id, 1));
    const { loads, load } = storedOrders(...orders);
    const oneOrder = Buffer.byteLength(JSON.stringify(presentOrder(orders[0])));
    const listed = new ListedOrderJson(load, oneOrder * 2);
    await listed.of([{ id: 'a', version: 1 }]);
    await listed.of([{ id: 'b', version: 1 }]);
    await listed.of([{ id: 'a', version: 1 }]); // a is now the most recent
    await listed.of([{ id: 'c', version: 1 }]); // over budget: b goes
    expect(listed.size()).to.deep.equal({ orders: 2, bytes: oneOrder * 2 });
    loads.length = 0;
    await listed.of([{ id: 'a', version: 1 }, { id: 'b', version: 1 }, { id: 'c', version: 1 }]);
    expect(loads).to.deep.equal([['b']]);
  });
});

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { OrderDocument } from '../../../src/application/projections/ordersProjection.js';
import { JsonPages, KeptOrderJson, type JsonPage, type KeptJson } from '../../../src/interfaces/http/keptOrderJson.js';
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

const listedView = (doc: OrderDocument) => presentOrder(doc);
const parsed = (listed: KeptJson[]) => listed.map((item) => JSON.parse(item.json.toString('utf8')));

describe('The JSON of orders, kept per version', () => {
  it('given a page listed once, when listed again at the same versions, then nothing is loaded and the JSON is the presented order', async () => {
    const { loads, load } = storedOrders(order('a', 1), order('b', 2));
    const listed = new KeptOrderJson(load, listedView);
    const first = await listed.of([{ id: 'a', version: 1 }, { id: 'b', version: 2 }]);
    const second = await listed.of([{ id: 'b', version: 2 }, { id: 'a', version: 1 }]);
    expect(loads).to.deep.equal([['a', 'b']]);
    expect(parsed(first)).to.deep.equal([presentOrder(order('a', 1)), presentOrder(order('b', 2))]);
    expect(parsed(second).map((o) => o.id)).to.deep.equal(['b', 'a']);
  });

  it('given a kept order, when the page names a later version, then that order alone is loaded again and shown as it is now', async () => {
    const { stored, loads, load } = storedOrders(order('a', 1), order('b', 1));
    const listed = new KeptOrderJson(load, listedView);
    await listed.of([{ id: 'a', version: 1 }, { id: 'b', version: 1 }]);
    stored.set('a', order('a', 2, 'paid'));
    const page = parsed(await listed.of([{ id: 'a', version: 2 }, { id: 'b', version: 1 }]));
    expect(loads.at(-1)).to.deep.equal(['a']);
    expect(page.map((o) => [o.id, o.status])).to.deep.equal([['a', 'paid'], ['b', 'new']]);
    expect(listed.size().orders).to.equal(2);
  });

  it('given an order gone since the page was read (a rebuild from zero), then the page leaves it out', async () => {
    const { load } = storedOrders(order('a', 1));
    const page = await new KeptOrderJson(load, listedView).of([{ id: 'a', version: 1 }, { id: 'gone', version: 4 }]);
    expect(parsed(page).map((o) => o.id)).to.deep.equal(['a']);
  });

  it('given more JSON than the budget, then the least recently listed orders are dropped first', async () => {
    const orders = ['a', 'b', 'c'].map((id) => order(id, 1));
    const { loads, load } = storedOrders(...orders);
    const oneOrder = Buffer.byteLength(JSON.stringify(presentOrder(orders[0])));
    const listed = new KeptOrderJson(load, listedView, oneOrder * 2);
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

describe('The JSON of one order shown whole, kept per version', () => {
  const wholeView = (doc: OrderDocument) => presentOrder(doc, { withFeed: true });

  it('given nothing kept, then the order is read and kept; when its version is not known, then it is read again', async () => {
    const { loads, load } = storedOrders(order('a', 1));
    const shown = new KeptOrderJson(load, wholeView);
    expect(shown.has('a')).to.equal(false);
    expect(parsed(await shown.of([{ id: 'a' }]))).to.deep.equal([wholeView(order('a', 1))]);
    expect(shown.has('a')).to.equal(true);
    await shown.of([{ id: 'a' }]);
    expect(loads).to.deep.equal([['a'], ['a']]);
  });

  it('given an order kept at version 1, when asked at version 1, then it is not read; at version 2, then it is read and shown as it is now', async () => {
    const { stored, loads, load } = storedOrders(order('a', 1));
    const shown = new KeptOrderJson(load, wholeView);
    await shown.of([{ id: 'a' }]);
    await shown.of([{ id: 'a', version: 1 }]);
    expect(loads).to.have.length(1);
    stored.set('a', order('a', 2, 'paid'));
    expect(parsed(await shown.of([{ id: 'a', version: 2 }]))[0]).to.include({ status: 'paid' });
    expect(loads).to.have.length(2);
  });

  it('given no such order, then nothing is shown and nothing kept', async () => {
    const { load } = storedOrders();
    const shown = new KeptOrderJson(load, wholeView);
    expect(await shown.of([{ id: 'none' }])).to.deep.equal([]);
    expect(shown.has('none')).to.equal(false);
  });
});

describe('Pages of kept order JSON', () => {
  const item = (json: string): KeptJson => ({ json: Buffer.from(json), digest: createHash('sha1').update(json).digest() });
  const parsedBody = ({ body }: JsonPage) => JSON.parse(body.toString('utf8'));

  it('given items and the rest of a page, then the body is the JSON of the whole page with a weak ETag', () => {
    const page = new JsonPages().pageOf([item('{"id":"a"}'), item('{"id":"b"}')], { total: 2, nextCursor: null });
    expect(parsedBody(page)).to.deep.equal({ items: [{ id: 'a' }, { id: 'b' }], total: 2, nextCursor: null });
    expect(page.etag).to.match(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(parsedBody(new JsonPages().pageOf([], {}))).to.deep.equal({ items: [] });
  });

  it('given a page worked out, when the same page is asked again, then the same body is handed out, not joined again; when an item changes, then a new body and ETag', () => {
    const pages = new JsonPages();
    const first = pages.pageOf([item('{"id":"a"}')], { total: 1 });
    const again = pages.pageOf([item('{"id":"a"}')], { total: 1 });
    const changed = pages.pageOf([item('{"id":"a","v":2}')], { total: 1 });
    expect(again.body).to.equal(first.body);
    expect(again.etag).to.equal(first.etag);
    expect(parsedBody(changed).items).to.deep.equal([{ id: 'a', v: 2 }]);
    expect(changed.etag).to.not.equal(first.etag);
  });

  it('given more pages than it keeps, then the page asked longest ago is joined again', () => {
    const pages = new JsonPages(1);
    const a1 = pages.pageOf([item('"a"')], {});
    pages.pageOf([item('"b"')], {});
    const a2 = pages.pageOf([item('"a"')], {});
    expect(a2.body).to.not.equal(a1.body);
    expect(a2.body.equals(a1.body)).to.equal(true);
  });
});

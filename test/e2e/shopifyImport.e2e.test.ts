import { expect } from 'chai';
import { pushPendingStatuses } from '../../src/application/automations/statusPush.js';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import {
  seedShopifyOrders,
  startShopifySimulator,
  type ShopifyOrderRecord,
  type ShopifySimulator,
} from '../../simulators/shopify/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const ACCESS_TOKEN = 'shpat_e2e_0f3a9c71d2';
const WEBHOOK_SECRET = 'e2e-shopify-webhook-secret-77';
const DAY = 24 * 60 * 60 * 1000;
// The API shows money in major units (52.24), as the platform does.
const major = (text: string) => Number(text);
const minor = (text: string) => Math.round(Number(text) * 100);

/** Orders a person or the POS can place without naming anyone: synchub has no buyer for them. */
const hasBuyer = (order: ShopifyOrderRecord) => Boolean(order.customer || order.billing_address || order.email);

describe('Order import from Shopify, end to end over HTTP', function () {
  this.timeout(180_000);
  let simulator: ShopifySimulator;
  let api: SynchubApi;
  let seeded: ShopifyOrderRecord[];
  let integrationId: string;
  let firstRun: any;
  const withBuyer = () => seeded.filter(hasBuyer);
  const localOrder = async (externalId: number) =>
    (await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`)).find((o) => o.externalId === String(externalId));

  before(async () => {
    seeded = seedShopifyOrders({ count: 600, products: 40, buyers: 200, startAt: new Date(Date.now() - 5 * DAY), seed: 42, currency: 'EUR' });
    // A bucket of 4 leaking 2 a second: the adapter must pace itself by the call-limit header to earn no 429.
    simulator = await startShopifySimulator({ accessToken: ACCESS_TOKEN, seedOrders: seeded, bucketSize: 4, leakPerSecond: 2 });
    const template = seeded.find((o) => o.customer && o.shipping_lines.length > 0)!;
    // An order of the same shop in dollars (a market with its own currency): not for a euro store.
    simulator.orders.addOrder({
      ...structuredClone(template),
      id: 90_001,
      name: '#9001',
      currency: 'USD',
      customer: { ...template.customer!, id: 9_001, first_name: 'John', last_name: 'Smith', email: 'john@example.com', phone: '+1 202 555 0143' },
    });
    // Malformed orders among good ones: each must be rejected with its reason, the run must go on.
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_002, total_price: 'a lot' } as never);
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_003, line_items: [{ ...template.line_items[0], quantity: -2 }] } as never);
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_004, created_at: '2024-05-01 10:00:00' } as never);
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Shopify Berlin',
      platform: 'shopify',
      storeName: 'Berlin shop',
      baseUrl: simulator.baseUrl,
      credentials: { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET },
      currency: 'EUR',
      productMatch: ['sku', 'name'],
      statusMap: [
        { platform: 'pending', local: 'new' },
        { platform: 'paid', local: 'approved' },
        { platform: 'fulfilled', local: 'shipped' },
        { platform: 'closed', local: 'completed' },
        { platform: 'cancelled', local: 'cancelled' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    firstRun = await api.sync(integrationId);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a new integration, then its access token and webhook secret are accepted and never returned or logged', async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}`);
    expect(body).to.include({ platform: 'shopify', storeName: 'Berlin shop', currency: 'EUR', hasCredentials: true });
    for (const secret of [ACCESS_TOKEN, WEBHOOK_SECRET]) {
      expect(JSON.stringify(body)).not.to.contain(secret);
      expect(api.logLines.join('\n')).not.to.contain(secret);
    }
  });

  it('given 600 orders over three pages and a bucket of 4, when synced, then each order with a buyer is imported once and nothing is refused with 429', async () => {
    expect(firstRun.status, JSON.stringify(firstRun)).to.equal('succeeded');
    expect(firstRun.counts.imported).to.equal(withBuyer().length);
    expect(simulator.rateLimitedCount, 'requests refused with 429').to.equal(0);
    const listings = simulator.requests.filter((r) => r.url.startsWith('/admin/api/2024-10/orders.json'));
    expect(listings).to.have.length(3);
    expect(listings.slice(1).map((r) => [...new URL(r.url, 'http://x').searchParams.keys()].sort())).to.deep.equal([['limit', 'page_info'], ['limit', 'page_info']]);
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders.map((o) => o.externalId).sort()).to.deep.equal(withBuyer().map((o) => String(o.id)).sort());
  });

  it('given an imported order, then its API view carries every field of the Shopify order', async () => {
    // The richest order: a customer, shipping to another recipient, a discount code, a note, a variant and a line discount.
    const richness = (o: ShopifyOrderRecord) =>
      [o.shipping_address?.name !== o.billing_address?.name, o.discount_codes.length > 0, o.note, o.line_items.some((l) => l.variant_title), o.line_items.some((l) => Number(l.total_discount) > 0)].filter(Boolean).length;
    const source = withBuyer()
      .filter((o) => o.customer && o.shipping_lines.length > 0 && o.discount_codes.length > 0 && o.line_items.some((l) => l.variant_title))
      .sort((a, b) => richness(b) - richness(a))[0];
    expect(source, 'a seeded order with every part').to.not.equal(undefined);
    const { body: order } = await api.call('GET', `/v1/orders/${(await localOrder(source.id)).id}`);
    const customerId = order.customer.contactId;
    expect(customerId).to.be.a('string');
    const address = source.shipping_address!;
    const view = { ...order, lastSyncedAt: undefined, createdAt: undefined, updatedAt: undefined, feed: undefined, version: undefined, id: undefined };
    expect(view).to.deep.include({
      source: 'integration',
      integrationId,
      externalId: String(source.id),
      storeName: 'Berlin shop',
      number: source.name,
      platformUrl: `${simulator.baseUrl}/admin/orders/${source.id}`,
      currency: 'EUR',
      total: major(source.total_price),
      createdAtPlatform: new Date(source.created_at).toISOString(),
      comment: source.note ?? '',
      discounts: source.discount_codes.map((code) => ({ name: `Discount code ${code.code}`, amount: major(code.amount) })),
      customer: {
        contactId: customerId,
        firstName: source.customer!.first_name,
        lastName: source.customer!.last_name,
        phone: normalisePhone(source.customer!.phone!),
        email: source.customer!.email,
      },
      delivery: {
        method: source.shipping_lines[0].title,
        cost: major(source.shipping_lines[0].price),
        recipient: address.name,
        address: [address.address1, address.address2, address.city, address.province, address.zip, address.country].filter(Boolean).join(', '),
      },
    });
    expect(order.status).to.equal({ paid: 'approved', pending: 'new', fulfilled: 'shipped', closed: 'completed', cancelled: 'cancelled' }[order.platformStatus as string] ?? order.platformStatus);
    expect(order.lastSyncedAt).to.be.a('string');
    const items = order.items.map(({ productId, ...item }: any) => (expect(productId).to.be.a('string'), item));
    expect(items).to.deep.equal([
      ...source.line_items.map((line) => ({
        sku: line.sku,
        name: line.title,
        quantity: line.quantity,
        price: Math.round((minor(line.price) * line.quantity - minor(line.total_discount)) / line.quantity) / 100,
        kind: 'product',
        deductible: false,
      })),
      { sku: 'DELIVERY', name: items.at(-1).name, quantity: 1, price: major(source.shipping_lines[0].price), kind: 'service', deductible: false },
    ]);
    const page = await fetch(order.platformUrl);
    expect(page.status).to.equal(200);
  });

  it('given buyers on many orders, then contacts are deduplicated by phone', async () => {
    const phones = new Set(withBuyer().flatMap((o) => [o.customer?.phone ?? o.billing_address?.phone].filter(Boolean).map((p) => normalisePhone(p!))));
    phones.add(normalisePhone('+1 202 555 0143'));
    const contacts = await api.all('/v1/contacts');
    expect(new Set(contacts.map((c) => c.phone).filter(Boolean))).to.deep.equal(phones);
  });

  it('given an order in another currency, then it is rejected with a readable reason and its buyer is registered', async () => {
    expect(firstRun.rejected).to.deep.include({ externalId: '90001', reason: 'the order is in USD but the store Berlin shop sells in EUR' });
    const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+12025550143')}`);
    expect(body.items.map((c: any) => [c.firstName, c.lastName])).to.deep.equal([['John', 'Smith']]);
  });

  it('given malformed orders in a page, then each is rejected with its reason and the others are imported', async () => {
    const reasons = Object.fromEntries(firstRun.rejected.map((r: any) => [r.externalId, r.reason]));
    expect(reasons['90002']).to.equal('Shopify order 90002: total_price must be a decimal amount, got "a lot"');
    expect(reasons['90003']).to.match(/^Shopify order 90003: line_items\[0\]\.quantity must not be negative/);
    expect(reasons['90004']).to.match(/^Shopify order 90004: created_at must be an ISO 8601 time with a zone/);
    const buyerless = seeded.filter((o) => !hasBuyer(o));
    expect(buyerless.length, 'the seed has point-of-sale orders without a buyer').to.be.greaterThan(0);
    expect(reasons[String(buyerless[0].id)]).to.match(/no buyer/);
    expect(firstRun.counts.rejected, JSON.stringify(firstRun.rejected.slice(0, 8))).to.equal(buyerless.length + 4);
  });

  describe('statuses both ways', () => {
    let source: ShopifyOrderRecord;
    let orderId: string;
    const cancelCalls = () => simulator.requests.filter((r) => r.method === 'POST' && r.url === `/admin/api/2024-10/orders/${source.id}/cancel.json`);

    before(async () => {
      source = withBuyer().find((o) => o.financial_status === 'paid' && !o.fulfillment_status && !o.cancelled_at && !o.closed_at)!;
      orderId = (await localOrder(source.id)).id;
    });

    it('given a local cancellation pushed twice, then Shopify receives one cancel call and the order is cancelled there', async () => {
      expect((await api.call('GET', `/v1/orders/${orderId}`)).body.status).to.equal('approved');
      const changed = await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'cancelled' });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
      const first = await pushPendingStatuses(api.deps, integrationId);
      await pushPendingStatuses(api.deps, integrationId);
      expect(first.pushed).to.equal(1);
      expect(cancelCalls()).to.have.length(1);
      expect(simulator.statusChanges.filter((c) => c.orderId === source.id).map((c) => c.action)).to.deep.equal(['cancel']);
      expect(simulator.orders.get(source.id)!.cancelled_at).to.be.a('string');
      await api.syncsDone();
      expect((await api.call('GET', `/v1/orders/${orderId}`)).body.pendingPush).to.equal(null);
    });

    it('given the cancellation comes back from Shopify, then synchub recognises its echo and pushes nothing', async () => {
      const run = await api.sync(integrationId);
      expect(run.counts.updated, JSON.stringify(run)).to.equal(0);
      await pushPendingStatuses(api.deps, integrationId);
      expect(cancelCalls()).to.have.length(1);
      expect((await api.call('GET', `/v1/orders/${orderId}`)).body.status).to.equal('cancelled');
    });

    it('given an order fulfilled on Shopify, when synced, then the local order follows and nothing is pushed back', async () => {
      const other = withBuyer().find((o) => o.id !== source.id && o.financial_status === 'paid' && !o.fulfillment_status && !o.cancelled_at && !o.closed_at)!;
      simulator.updateOrder(other.id, { fulfillment_status: 'fulfilled' });
      const writesBefore = simulator.statusChanges.length;
      const run = await api.sync(integrationId);
      expect(run.counts.updated, JSON.stringify(run)).to.equal(1);
      expect((await localOrder(other.id)).status).to.equal('shipped');
      const pushed = await pushPendingStatuses(api.deps, integrationId);
      expect(pushed.pushed).to.equal(0);
      expect(simulator.statusChanges).to.have.length(writesBefore);
    });
  });

  // Runs last: mocha runs a suite's own tests before its nested suites.
  describe('re-import', () => {
    it('given everything imported, when three runs re-read the whole month at once, then nothing new is created and the bucket never overflows', async () => {
      const orderEvents = async () => (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
      const before = await orderEvents();
      // Three runs at once race over every order and share the shop's bucket of 4.
      const wholeMonth = { from: new Date(Date.now() - 30 * DAY).toISOString() };
      const requestsBefore = simulator.requestCount;
      const started = await Promise.all([1, 2, 3].map(() => api.call('POST', `/v1/integrations/${integrationId}/sync`, wholeMonth)));
      await api.syncsDone();
      for (const { body } of started) {
        const run = (await api.call('GET', `/v1/sync-runs/${body.runId}`)).body;
        expect(run.status, JSON.stringify(run)).to.equal('succeeded');
        expect(run.counts).to.include({ imported: 0, updated: 0, unchanged: withBuyer().length });
      }
      expect(await orderEvents()).to.equal(before);
      const fullest = Math.max(...simulator.requests.slice(requestsBefore).map((r) => Number(r.callLimit?.split('/')[0] ?? 0)));
      expect(simulator.requestCount - requestsBefore).to.equal(9);
      expect(fullest, 'the runs filled the bucket up to its reserve, so they had to be paced').to.equal(3);
      expect((await api.call('GET', `/v1/orders?store=integrations&integrationId=${integrationId}&limit=1`)).body.total).to.equal(withBuyer().length);
      expect(simulator.rateLimitedCount).to.equal(0);
    });
  });
});

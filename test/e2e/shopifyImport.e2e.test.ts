import { expect } from 'chai';
import { pushPendingStatuses } from '../../src/application/automations/statusPush.js';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import {
  seedShopifyOrders,
  seedShopifyProducts,
  startShopifySimulator,
  type ShopifyOrderRecord,
  type ShopifySimulator,
} from '../../simulators/shopify/index.js';
import { shopifyClientFor } from '../../src/infrastructure/platforms/shopify/index.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { startAndFinish } from '../support/automationRuns.js';
import { fasterClock } from '../support/fasterClock.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const APP = { clientId: 'e2e-dev-dashboard-app', clientSecret: 'shpss_e2e_client_secret_0f3a9c71d2' };
const DAY = 24 * 60 * 60 * 1000;
// The shop's limits (bucket, token lifetimes) and the adapter's pacing run on one clock 8× the wall clock: the import
// is paced through the same ~200 s of shop time at 50 points a second, in about 25 s of the test's.
const shopTime = fasterClock(8);
// The API shows money in major units (52.24), as the platform does; these orders are in euros.
const major = (text: string) => Number(text);
const minor = (text: string) => Math.round(Number(text) * 100);

/** Orders a person or the POS can place without naming anyone: synchub has no buyer for them. */
const hasBuyer = (order: ShopifyOrderRecord) => Boolean(order.customer || order.billing_address || order.email);

describe('Shopify on the GraphQL Admin API, end to end over HTTP: a Dev Dashboard app on a 100-point bucket', function () {
  this.timeout(600_000);
  let simulator: ShopifySimulator;
  let api: SynchubApi;
  let seeded: ShopifyOrderRecord[];
  let integrationId: string;
  let firstRun: any;
  let importSeconds: number;
  const withBuyer = () => seeded.filter(hasBuyer);
  const localOrder = async (externalId: number) =>
    (await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`)).find((o) => o.externalId === String(externalId));
  const graphqlRequests = () => simulator.requests.filter((request) => request.url.endsWith('/graphql.json'));

  before(async () => {
    seeded = seedShopifyOrders({ count: 500, products: 40, buyers: 200, startAt: new Date(Date.now() - 5 * DAY), seed: 42, currency: 'EUR' });
    // Shopify's standard bucket made tight: 100 points restoring 50 a second. Tokens live a minute.
    simulator = await startShopifySimulator({
      app: { ...APP, tokenTtlSeconds: 60 },
      seedOrders: seeded,
      seedProducts: seedShopifyProducts({ products: 40, seed: 42, currency: 'EUR' }),
      bucket: { maximumAvailable: 100, restoreRate: 50 },
      limitsClock: shopTime.now,
    });
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
    const platforms = new PlatformAdapters({ shopify: (connection) => shopifyClientFor(connection, { now: shopTime.now, sleep: shopTime.sleep }) });
    api = await startSynchubApi({ automations: true, platforms });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Shopify Berlin',
      platform: 'shopify',
      storeName: 'Berlin shop',
      baseUrl: simulator.baseUrl,
      credentials: APP,
      platformOptions: { apiVersion: '2026-10' },
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
    // Half a minute in, Shopify stops taking the token (as when it expires early): the next request is a 401.
    const revoke = setTimeout(() => simulator.expireTokens(), 30_000 / shopTime.speed);
    const started = shopTime.now();
    firstRun = await api.sync(integrationId);
    importSeconds = (shopTime.now() - started) / 1000;
    clearTimeout(revoke);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a new integration, then its client id and secret are accepted and the secret and tokens are never returned or logged', async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}`);
    expect(body).to.include({ platform: 'shopify', storeName: 'Berlin shop', currency: 'EUR', hasCredentials: true });
    expect(body.platformOptions).to.deep.equal({ apiVersion: '2026-10' });
    expect(JSON.stringify(body)).not.to.contain(APP.clientSecret);
    expect(api.logLines.join('\n')).not.to.contain(APP.clientSecret);
    expect(api.logLines.join('\n')).not.to.match(/shpat_[0-9a-f]{32}/);
  });

  it('given an API version Shopify no longer serves or a malformed one, then connecting is refused with 400 naming the field', async () => {
    for (const apiVersion of ['2024-10', '2026-13', 'latest']) {
      const refused = await api.call('POST', '/v1/integrations', {
        name: 'Old', platform: 'shopify', storeName: 'Old', baseUrl: simulator.baseUrl, credentials: APP, currency: 'EUR', platformOptions: { apiVersion },
      });
      expect(refused.status, apiVersion).to.equal(400);
      expect(refused.body.errors.map((error: any) => error.field)).to.deep.equal(['platformOptions.apiVersion']);
    }
  });

  it('given 500 orders over many pages on a bucket of 100 restoring 50/s, when synced, then each order with a buyer is imported once and no query is THROTTLED', async () => {
    expect(firstRun.status, JSON.stringify(firstRun)).to.equal('succeeded');
    expect(firstRun.counts.imported).to.equal(withBuyer().length);
    const pages = graphqlRequests().filter((request) => request.operationName === 'SynchubOrders');
    expect(pages.length, 'several pages').to.be.above(100);
    expect(simulator.throttledCount, 'queries refused with THROTTLED').to.equal(0);
    const answered = graphqlRequests().filter((request) => request.status === 200);
    expect(answered.filter((request) => !(request.requestedQueryCost! <= 100) || request.refusedFor !== undefined)).to.deep.equal([]);
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders.map((o) => o.externalId).sort()).to.deep.equal(withBuyer().map((o) => String(o.id)).sort());
    console.log(`      500 orders in ${importSeconds.toFixed(1)} s of shop time over ${pages.length} pages (bucket 100, 50/s)`);
  });

  it('given tokens that run out during the import, then new ones are asked for by the client credentials grant and no order fails', () => {
    // One renewed before it ran out, one asked for after Shopify refused the revoked token once.
    expect(simulator.tokensGranted, 'tokens granted').to.be.at.least(3);
    expect(simulator.requests.filter((request) => request.status === 401), 'requests refused with 401').to.have.length(1);
    expect(firstRun.rejected.filter((rejected: any) => !['90001', '90002', '90003', '90004'].includes(rejected.externalId) && !/no buyer/.test(rejected.reason))).to.deep.equal([]);
  });

  it('given the import, then only the GraphQL endpoint of the integration\'s version was asked: no REST path', () => {
    const api = simulator.requests.filter((request) => request.url !== '/admin/oauth/access_token');
    expect(api.length).to.be.above(0);
    expect(api.filter((request) => request.url !== '/admin/api/2026-10/graphql.json')).to.deep.equal([]);
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

  it('given malformed orders in a page, then each is rejected with its reason naming the GraphQL field, and the others are imported', async () => {
    const reasons = Object.fromEntries(firstRun.rejected.map((r: any) => [r.externalId, r.reason]));
    expect(reasons['90002']).to.equal('Shopify order 90002: totalPriceSet.shopMoney.amount must be a decimal amount, got "a lot"');
    expect(reasons['90003']).to.match(/^Shopify order 90003: lineItems\[0\]\.quantity must not be negative/);
    expect(reasons['90004']).to.match(/^Shopify order 90004: createdAt must be an ISO 8601 time with a zone/);
    const buyerless = seeded.filter((o) => !hasBuyer(o));
    expect(buyerless.length, 'the seed has point-of-sale orders without a buyer').to.be.greaterThan(0);
    expect(reasons[String(buyerless[0].id)]).to.match(/no buyer/);
    expect(firstRun.counts.rejected, JSON.stringify(firstRun.rejected.slice(0, 8))).to.equal(buyerless.length + 4);
  });

  describe('statuses both ways', () => {
    let source: ShopifyOrderRecord;
    let orderId: string;
    const cancelCalls = () => graphqlRequests().filter((request) => request.operationName === 'SynchubCancelOrder');

    before(async () => {
      source = withBuyer().find((o) => o.financial_status === 'paid' && !o.fulfillment_status && !o.cancelled_at && !o.closed_at)!;
      orderId = (await localOrder(source.id)).id;
    });

    it('given a local cancellation pushed twice, then Shopify receives one orderCancel and the order is cancelled there', async () => {
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

  describe('catalogue and stock', () => {
    it('given the catalogue import, when it runs once, then every active product is matched or created and archived ones are left out', async () => {
      const run = await startAndFinish(api, integrationId, 'catalogue-import', 60_000);
      expect(run.status, JSON.stringify(run)).to.equal('succeeded');
      const archived = simulator.catalogue.allProducts().filter((product) => product.status === 'ARCHIVED').length;
      expect(archived).to.be.above(0);
      expect(run.counts).to.include({ archived, rejected: 0 });
      expect(run.counts.created + run.counts.updated + run.counts.unchanged).to.equal(40 - archived);
      const skus = new Set((await api.all('/v1/products')).map((product) => product.sku));
      for (const product of simulator.catalogue.allProducts().filter((p) => p.status === 'ACTIVE' && p.variants.length === 1)) expect(skus, product.title).to.include(product.variants[0].sku);
    });

    it('given a product flagged "sync stock", when push-stock runs once, then its stock is set at the shop\'s primary location', async () => {
      const simple = simulator.catalogue.allProducts().find((product) => product.status === 'ACTIVE' && product.variants.length === 1)!;
      const [local] = (await api.call('GET', `/v1/products?sku=${encodeURIComponent(simple.variants[0].sku!)}`)).body.items;
      await api.call('PATCH', `/v1/products/${local.id}`, { stock: 17, syncStock: true });
      const run = await startAndFinish(api, integrationId, 'push-stock', 60_000);
      expect(run.counts, JSON.stringify(run)).to.include({ pushed: 1 });
      expect(simulator.availableOf(simple.variants[0].sku!)).to.equal(17);
      expect(graphqlRequests().filter((request) => request.operationName === 'SynchubSetStock')).to.have.length(1);
    });
  });

  // Runs last: mocha runs a suite's own tests before its nested suites.
  describe('re-import', () => {
    it('given everything imported, when three runs re-read the last hours at once, then nothing new is created and no query is THROTTLED', async () => {
      const orderEvents = async () => (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
      const before = await orderEvents();
      const latest = withBuyer().map((o) => Date.parse(simulator.orders.get(o.id)!.updated_at as string)).sort((a, b) => b - a);
      const from = new Date(latest[11]);
      const inWindow = latest.filter((at) => at >= from.getTime()).length;
      const requestsBefore = simulator.requestCount;
      const started = await Promise.all([1, 2, 3].map(() => api.call('POST', `/v1/integrations/${integrationId}/sync`, { from: from.toISOString() })));
      await api.syncsDone();
      for (const { body } of started) {
        const run = (await api.call('GET', `/v1/sync-runs/${body.runId}`)).body;
        expect(run.status, JSON.stringify(run)).to.equal('succeeded');
        expect(run.counts).to.include({ imported: 0, updated: 0, unchanged: inWindow });
      }
      expect(await orderEvents()).to.equal(before);
      expect(simulator.requests.slice(requestsBefore).filter((request) => request.refusedFor)).to.deep.equal([]);
      expect(simulator.throttledCount).to.equal(0);
    });
  });
});

describe('Shopify in yen, end to end: money by the currency exponent', function () {
  this.timeout(60_000);
  let simulator: ShopifySimulator;
  let api: SynchubApi;

  before(async () => {
    const [order] = seedShopifyOrders({ count: 1, seed: 77, currency: 'JPY', startAt: new Date(Date.now() - DAY) }).filter(hasBuyer);
    const line = { ...order.line_items[0], quantity: 1, price: '1000', total_discount: '0' };
    const yen = { ...order, id: 81_001, customer: order.customer ?? null, line_items: [line], discount_codes: [], shipping_lines: [{ id: 1, title: 'Yamato', code: 'yamato', price: '500', discounted_price: '500', source: 'shopify' }], total_tax: '0', total_price: '1500' };
    simulator = await startShopifySimulator({ app: APP, seedOrders: [yen] });
    api = await startSynchubApi();
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given an order of 1 000 yen and 500 yen delivery, then it imports with total 1500, not 15', async () => {
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Shopify Tokyo', platform: 'shopify', storeName: 'Tokyo shop', baseUrl: simulator.baseUrl, credentials: APP, currency: 'JPY',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const run = await api.sync(created.body.id);
    expect(run.counts, JSON.stringify(run)).to.include({ imported: 1 });
    const [order] = await api.all(`/v1/orders?store=integrations&integrationId=${created.body.id}`);
    expect(order).to.include({ currency: 'JPY', total: 1500 });
    expect(order.items.map((item: any) => item.price)).to.deep.equal([1000, 500]);
    expect(order.delivery.cost).to.equal(500);
  });
});

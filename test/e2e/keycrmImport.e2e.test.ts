import { expect } from 'chai';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import {
  seedKeycrmOrders,
  startKeycrmSimulator,
  type KeycrmOrderRecord,
  type KeycrmSimulator,
} from '../../simulators/keycrm/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-keycrm-key';
const DAY = 24 * 60 * 60 * 1000;

function connectBody(simulator: KeycrmSimulator) {
  return {
    name: 'KeyCRM Kyiv',
    platform: 'keycrm',
    storeName: 'Kyiv shop',
    baseUrl: simulator.baseUrl,
    credentials: { apiKey: API_KEY },
    currency: 'UAH',
    productMatch: ['sku', 'name'],
    statusMap: [
      { platform: '1', local: 'new' },
      { platform: '4', local: 'cancelled' },
    ],
  };
}

describe('Order import from KeyCRM, end to end over HTTP', function () {
  this.timeout(120_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let seeded: KeycrmOrderRecord[];
  let integrationId: string;
  let firstRun: any;

  before(async () => {
    seeded = seedKeycrmOrders({ count: 500, products: 40, buyers: 150, startAt: new Date(Date.now() - 5 * DAY), seed: 42 });
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 60 });
    // A second source of the account sells in dollars: its orders do not belong in a hryvnia store.
    simulator.sources.push({ ...simulator.sources[0], id: 2, name: 'US shop', source_uuid: 'us-1', currency_code: 'USD' });
    const template = seeded[0];
    simulator.orders.addOrder({
      ...structuredClone(template),
      id: 90_001,
      source_id: 2,
      buyer: { id: 9_001, full_name: 'John Smith', email: 'john@example.com', phone: '+1 202 555 0143', company_id: null, manager_id: null },
    } as never);
    // Malformed orders among good ones: each must be rejected with its reason, the run must go on.
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_002, buyer: null, updated_at: template.updated_at });
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_003, products: [{ ...template.products[0], quantity: -2 }] });
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_004, grand_total: 'a lot' });
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', connectBody(simulator));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    firstRun = await api.sync(integrationId);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a new integration, then its credentials are accepted and never returned', async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}`);
    expect(body).to.include({ platform: 'keycrm', storeName: 'Kyiv shop', currency: 'UAH', hasCredentials: true });
    expect(JSON.stringify(body)).not.to.contain(API_KEY);
    expect(body).not.to.have.property('credentials');
    expect(api.logLines.join('\n')).not.to.contain(API_KEY);
  });

  it('given 500 orders over many pages and a rate limit, when synced, then each order with a buyer is imported once', async () => {
    const withBuyer = seeded.filter((o) => o.buyer);
    expect(firstRun.status, JSON.stringify(firstRun)).to.equal('succeeded');
    expect(firstRun.counts.imported).to.equal(withBuyer.length);
    expect(simulator.rateLimitedCount, 'requests refused with 429').to.equal(0);
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders.map((o) => o.externalId).sort()).to.deep.equal(withBuyer.map((o) => String(o.id)).sort());
  });

  it('given an imported order, then it carries every field of the platform order', async () => {
    const source = seeded.filter((o) => o.buyer && o.shipping_price > 0)[3];
    const [row] = (await api.call('GET', `/v1/orders?store=integrations&limit=100`)).body.items.filter((o: any) => o.externalId === String(source.id));
    const listed = row ?? (await api.all('/v1/orders?store=integrations')).find((o) => o.externalId === String(source.id));
    const { body: order } = await api.call('GET', `/v1/orders/${listed.id}`);
    expect(order).to.include({
      source: 'integration',
      integrationId,
      externalId: String(source.id),
      storeName: 'Kyiv shop',
      currency: 'UAH',
      number: String(source.id),
    });
    expect(order.platformUrl).to.match(new RegExp(`/app/orders/view/${source.id}$`));
    expect(order.total).to.equal(source.grand_total);
    expect(Date.parse(order.createdAtPlatform)).to.equal(Date.parse(`${source.created_at.replace(' ', 'T')}Z`));
    expect(order.lastSyncedAt).to.be.a('string');
    expect(order.customer.phone).to.equal(normalisePhone(source.buyer!.phone!));
    const productItems = order.items.filter((i: any) => i.sku !== 'DELIVERY');
    expect(productItems.map((i: any) => i.quantity)).to.deep.equal(source.products.map((p) => p.quantity));
    expect(productItems.every((i: any) => i.deductible === false)).to.equal(true);
    if (source.shipping_price > 0) {
      expect(order.items.find((i: any) => i.sku === 'DELIVERY')).to.include({ quantity: 1, price: source.shipping_price });
    }
    expect(order.feed.length).to.be.greaterThan(0);
  });

  it('given buyers on many orders, then contacts are deduplicated by phone', async () => {
    const phones = new Set(seeded.filter((o) => o.buyer).map((o) => normalisePhone(o.buyer!.phone!)));
    phones.add(normalisePhone('+1 202 555 0143'));
    const contacts = await api.all('/v1/contacts');
    expect(contacts).to.have.length(phones.size);
    expect(new Set(contacts.map((c) => c.phone))).to.deep.equal(phones);
  });

  it('given items of the same products on many orders, then products are matched by article and never duplicated', async () => {
    const skus = new Set(seeded.filter((o) => o.buyer).flatMap((o) => o.products.map((p) => p.sku)));
    const products = await api.all('/v1/products');
    const productSkus = products.map((p) => p.sku).filter((sku) => sku !== 'DELIVERY');
    expect(productSkus).to.have.length(skus.size);
    expect(new Set(productSkus)).to.deep.equal(skus);
    expect(products.every((p) => p.unit === 'piece')).to.equal(true);
  });

  it('given an order in another currency, then it is rejected with a readable reason and its buyer is registered', async () => {
    expect(firstRun.rejected).to.deep.include({ externalId: '90001', reason: 'the order is in USD but the store Kyiv shop sells in UAH' });
    const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+12025550143')}`);
    expect(body.items.map((c: any) => c.lastName)).to.deep.equal(['Smith']);
  });

  it('given malformed orders in a page, then each is rejected with its reason and the others are imported', async () => {
    const reasons = Object.fromEntries(firstRun.rejected.map((r: any) => [r.externalId, r.reason]));
    expect(reasons['90002']).to.match(/no buyer.*no default contact/);
    expect(reasons['90003']).to.match(/quantity/);
    expect(reasons['90004']).to.match(/grand_total/);
    const buyerless = seeded.filter((o) => !o.buyer).length;
    expect(firstRun.counts.rejected, JSON.stringify(firstRun.rejected.slice(0, 8))).to.equal(buyerless + 4);
  });

  it('given everything imported, when synced again and twice at the same time, then nothing new is created', async () => {
    const eventsBefore = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
    const again = await api.sync(integrationId);
    expect(again.counts).to.include({ imported: 0, updated: 0 });
    // Both re-read the whole month, so they race over every order at once.
    const wholeWindow = { from: new Date(Date.now() - 30 * DAY).toISOString() };
    const [a, b] = await Promise.all([
      api.call('POST', `/v1/integrations/${integrationId}/sync`, wholeWindow),
      api.call('POST', `/v1/integrations/${integrationId}/sync`, wholeWindow),
    ]);
    await api.syncsDone();
    for (const started of [a, b]) {
      const run = (await api.call('GET', `/v1/sync-runs/${started.body.runId}`)).body;
      expect(run.status).to.equal('succeeded');
      expect(run.counts.imported).to.equal(0);
      expect(run.counts.unchanged, JSON.stringify(run)).to.equal(seeded.filter((o) => o.buyer).length);
    }
    const eventsAfter = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
    expect(eventsAfter).to.equal(eventsBefore);
    expect((await api.call('GET', '/v1/orders?store=integrations&limit=1')).body.total).to.equal(seeded.filter((o) => o.buyer).length);
    const report = (await api.call('GET', `/v1/sync-runs?integrationId=${integrationId}`)).body;
    expect(report.total).to.equal(4);
  });

  it('given orders rejected for want of a buyer, when a default contact is set and the window re-read, then they are imported with it', async () => {
    const contact = (await api.call('GET', '/v1/contacts?limit=1')).body.items[0];
    const patched = await api.call('PATCH', `/v1/integrations/${integrationId}`, { defaultContactId: contact.id });
    expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
    const run = await api.sync(integrationId, { from: new Date(Date.now() - 30 * DAY).toISOString() });
    const buyerless = seeded.filter((o) => !o.buyer);
    expect(run.counts.imported).to.equal(buyerless.length + 1);
    const orders = await api.all('/v1/orders?store=integrations');
    const imported = orders.find((o) => o.externalId === String(buyerless[0].id));
    expect(imported.customer.contactId).to.equal(contact.id);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { eventually } from '../support/eventually.js';
import { startAndFinish } from '../support/automationRuns.js';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-keycrm-automations';

describe('Automation controls over the API, with real Agenda on PostgreSQL', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let seededCount: number;
  const path = (suffix = '') => `/v1/integrations/${integrationId}/automations${suffix}`;

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 40, products: 10, buyers: 20, startAt: new Date(Date.now() - 2 * 86_400_000), seed: 5 }).filter((o) => o.buyer);
    seededCount = seeded.length;
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded.map((o) => ({ ...o, status_id: 1 })), requestsPerMinute: 0 });
    // One automation repeats every second by default here, to watch its schedule at work.
    api = await startSynchubApi({ automations: true, defaultIntervalsMs: { 'sync-cancellations': 1_000 } });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM',
      platform: 'keycrm',
      storeName: 'Kharkiv shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
      statusMap: [
        { platform: '1', local: 'new' },
        { platform: '4', local: 'shipped' },
      ],
    });
    integrationId = created.body.id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a KeyCRM integration, then every automation of domain.md is listed and supported', async () => {
    const { status, body } = await api.call('GET', path());
    expect(status).to.equal(200);
    expect(body.items.map((a: any) => a.name)).to.deep.equal([
      'import-orders', 'sync-statuses', 'sync-cancellations', 'check-pending-payments', 'push-stock',
      'push-products', 'import-products', 'catalogue-import', 'send-delivery-info', 'check-delivery-dates',
    ]);
    expect(body.items.every((a: any) => a.supported)).to.equal(true);
    const importOrders = body.items.find((a: any) => a.name === 'import-orders');
    expect(importOrders).to.include({ scheduled: false, enabled: false, intervalMs: 300_000, backingOffUntil: null });
  });

  it('given a platform whose API cannot tell delivery dates, when that automation is started, then 409 says it is not supported', async () => {
    const cartum = await api.call('POST', '/v1/integrations', {
      name: 'Cartum', platform: 'cartum', storeName: 'Cartum shop', baseUrl: 'https://shop.example.ua', credentials: { login: 'admin', password: 'secret-password' }, currency: 'UAH',
    });
    expect(cartum.status, JSON.stringify(cartum.body)).to.equal(201);
    const listed = (await api.call('GET', `/v1/integrations/${cartum.body.id}/automations/check-delivery-dates`)).body;
    expect(listed).to.include({ supported: false });
    const { status, body } = await api.call('POST', `/v1/integrations/${cartum.body.id}/automations/check-delivery-dates/start`);
    expect(status).to.equal(409);
    expect(body.detail).to.match(/not supported for cartum/);
  });

  it('given import-orders scheduled, then it shows its recurrence, enabled flag and next run', async () => {
    const { status, body } = await api.call('PUT', path('/import-orders'), { intervalMs: 60_000 });
    expect(status, JSON.stringify(body)).to.equal(200);
    expect(body).to.include({ scheduled: true, enabled: true, intervalMs: 60_000 });
    expect(Date.parse(body.nextRunAt)).to.be.greaterThan(Date.now());
  });

  it('given import-orders, when started now, then a run imports the orders and its history and log show it', async () => {
    const run = await startAndFinish(api, integrationId, 'import-orders');
    expect(run).to.include({ status: 'succeeded', automation: 'import-orders' });
    expect(run.counts.imported).to.equal(seededCount);
    expect(run.trigger).to.match(/^api:/);
    const detail = await api.call('GET', path(`/import-orders/runs/${run.id}`));
    expect(detail.body.log.map((l: any) => l.message).join('\n')).to.match(/sync run .* started/);
    const listed = (await api.call('GET', path('/import-orders'))).body;
    expect(listed.lastRun).to.include({ id: run.id, status: 'succeeded' });
  });

  it('given a local status change, when sync-statuses runs, then the platform receives the mapped status once and the echo is not pushed back', async () => {
    const orders = (await api.call('GET', '/v1/orders?store=integrations&limit=1')).body.items;
    await api.call('POST', `/v1/orders/${orders[0].id}/status`, { status: 'shipped' });
    const first = await startAndFinish(api, integrationId, 'sync-statuses');
    expect(first.counts.pushed, JSON.stringify(first)).to.equal(1);
    const second = await startAndFinish(api, integrationId, 'sync-statuses');
    expect(second.counts.pushed).to.equal(0);
    const writes = simulator.statusChanges.filter((c) => c.orderId === Number(orders[0].externalId));
    expect(writes.map((c) => c.to)).to.deep.equal([4]);
  });

  it('given an enabled automation, when disabled and enabled again, then the flag follows; start while disabled and stop with nothing running are 409', async () => {
    expect((await api.call('POST', path('/import-orders/disable'))).body).to.include({ enabled: false, nextRunAt: null, state: 'disabled' });
    const startedWhileDisabled = await api.call('POST', path('/import-orders/start'));
    expect(startedWhileDisabled.status).to.equal(409);
    expect(startedWhileDisabled.body.detail).to.match(/disabled; enable it before starting it/);
    const enabled = (await api.call('POST', path('/import-orders/enable'))).body;
    expect(enabled).to.include({ enabled: true, state: 'enabled', intervalMs: 60_000 });
    expect(Date.parse(enabled.nextRunAt)).to.be.greaterThan(Date.now());
    expect((await api.call('POST', path('/import-orders/stop'))).status).to.equal(409);
  });

  it('given an automation never configured, when started, then 409 naming enable; once enabled it runs again and again at its default interval; disabled then enabled, it is scheduled again', async () => {
    const scheduledRuns = async () =>
      (await api.call('GET', path('/sync-cancellations/runs?limit=100'))).body.items.filter((r: any) => r.trigger === 'schedule' && r.status !== 'running');
    expect((await api.call('GET', path('/sync-cancellations'))).body).to.include({ state: 'disabled', enabled: false, intervalMs: 1_000, nextRunAt: null });
    const refused = await api.call('POST', path('/sync-cancellations/start'));
    expect(refused.status).to.equal(409);
    expect(refused.body.detail).to.match(/is disabled; enable it before starting it \(enable\)/);
    expect((await scheduledRuns()).length).to.equal(0);

    const enabled = (await api.call('POST', path('/sync-cancellations/enable'))).body;
    expect(enabled).to.include({ state: 'enabled', enabled: true, intervalMs: 1_000 });
    expect(enabled.nextRunAt).to.be.a('string');
    const runs = await eventually(async () => {
      const done = await scheduledRuns();
      if (done.length < 3) throw new Error(`${done.length} scheduled runs so far`);
      return done;
    }, 20_000);
    expect(runs.every((r: any) => r.status === 'succeeded')).to.equal(true);

    const disabled = (await api.call('POST', path('/sync-cancellations/disable'))).body;
    expect(disabled).to.include({ enabled: false, nextRunAt: null });
    await sleep(1_500); // a run begun before the disable may still end
    const whileDisabled = (await scheduledRuns()).length;
    await sleep(2_500);
    expect((await scheduledRuns()).length).to.equal(whileDisabled);

    const again = (await api.call('POST', path('/sync-cancellations/enable'))).body;
    expect(again).to.include({ state: 'enabled', enabled: true });
    expect(again.nextRunAt).to.be.a('string');
    await eventually(async () => {
      const done = (await scheduledRuns()).length;
      if (done < whileDisabled + 2) throw new Error(`${done - whileDisabled} runs since enabled again`);
    }, 20_000);
    await api.call('POST', path('/sync-cancellations/disable'));
  });

  it('given a scheduled automation, when deleted, then it is no longer scheduled, and a viewer may not delete', async () => {
    const { body: viewer } = await api.call('POST', '/v1/tokens', { name: 'auditor', role: 'viewer' });
    expect((await api.call('DELETE', path('/import-orders'), undefined, viewer.token)).status).to.equal(403);
    expect((await api.call('DELETE', path('/import-orders'))).status).to.equal(204);
    expect((await api.call('GET', path('/import-orders'))).body).to.include({ scheduled: false, enabled: false });
    expect((await api.call('DELETE', path('/import-orders'))).status).to.equal(404);
  });

  it('given an unknown automation or a too short recurrence, then 404 and 400', async () => {
    expect((await api.call('GET', path('/make-coffee'))).status).to.equal(404);
    const bad = await api.call('PUT', path('/import-orders'), { intervalMs: 5 });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('intervalMs');
  });
});

describe('Stock push to KeyCRM by the push-stock automation', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;

  const pushStock = () => startAndFinish(api, integrationId, 'push-stock');

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 10, products: 6, buyers: 5, startAt: new Date(Date.now() - 86_400_000), seed: 8 }).filter((o) => o.buyer);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    api = await startSynchubApi({ automations: true });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM',
      platform: 'keycrm',
      storeName: 'Stock shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
      stockLocation: '2',
    });
    integrationId = created.body.id;
    await api.sync(integrationId);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given products flagged "sync stock", when push-stock runs, then their stock reaches the warehouse once and the history records it', async () => {
    const products = (await api.call('GET', '/v1/products?limit=100')).body.items.filter((p: any) => p.sku !== 'DELIVERY');
    const [first, second, third] = products;
    expect((await api.call('PATCH', `/v1/products/${first.id}`, { stock: 12, syncStock: true })).body).to.include({ stock: 12, syncStock: true });
    await api.call('PATCH', `/v1/products/${second.id}`, { stock: 3, syncStock: true });
    await api.call('PATCH', `/v1/products/${third.id}`, { stock: 99 });
    const run = await pushStock();
    expect(run.counts, JSON.stringify(run)).to.include({ pushed: 2 });
    expect(simulator.stocks.get(`2:${first.sku}`)).to.equal(12);
    expect(simulator.stocks.get(`2:${second.sku}`)).to.equal(3);
    expect(simulator.stocks.has(`2:${third.sku}`)).to.equal(false);

    const again = await pushStock();
    expect(again.counts).to.include({ pushed: 0, unchanged: 2 });
    expect(simulator.stockUpdates).to.have.length(1);

    await api.call('PATCH', `/v1/products/${first.id}`, { stock: 7 });
    const third_run = await pushStock();
    expect(third_run.counts).to.include({ pushed: 1 });
    expect(simulator.stockUpdates[1].stocks).to.deep.equal([{ sku: first.sku, quantity: 7 }]);
    // The run's record and the product's history are two read models: the history may follow a moment later.
    await eventually(async () => {
      const history = (await api.call('GET', `/v1/products/${first.id}`)).body.stockPushes;
      expect(history.map((h: any) => h.quantity)).to.deep.equal([12, 7]);
    });
  });

  it('given a negative stock, then 400 names the field', async () => {
    const [product] = (await api.call('GET', '/v1/products?limit=1')).body.items;
    const bad = await api.call('PATCH', `/v1/products/${product.id}`, { stock: -1 });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('stock');
  });
});

describe('Delivery info sent to KeyCRM and delivery dates read back by their automations', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let orders: any[];

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 6, products: 4, buyers: 6, startAt: new Date(Date.now() - 86_400_000), seed: 21 }).filter((o) => o.buyer);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    api = await startSynchubApi({ automations: true });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Lviv shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    integrationId = created.body.id;
    await api.sync(integrationId);
    orders = (await api.call('GET', `/v1/orders?store=integrations&limit=100`)).body.items;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a dispatch day that is not a day, then 400 names the field', async () => {
    const bad = await api.call('POST', `/v1/orders/${orders[0].id}/shipment`, { trackingCode: '204506', shippedOn: '26.11.2026' });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('shippedOn');
  });

  it('given two shipped orders, when send-delivery-info runs twice, then the store receives each tracking code once', async () => {
    const [first, second] = orders;
    const recorded = await api.call('POST', `/v1/orders/${first.id}/shipment`, { trackingCode: '20450644192161', shippedOn: '2026-11-24' });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(200);
    expect(recorded.body.shipment).to.deep.equal({ trackingCode: '20450644192161', shippedOn: '2026-11-24', sentToPlatform: false, deliveredOn: null });
    await api.call('POST', `/v1/orders/${second.id}/shipment`, { trackingCode: '20450644192162', shippedOn: '2026-11-25' });
    const run = await startAndFinish(api, integrationId, 'send-delivery-info');
    expect(run.counts, JSON.stringify(run)).to.deep.equal({ sent: 2, failed: 0 });
    const again = await startAndFinish(api, integrationId, 'send-delivery-info');
    expect(again.counts).to.deep.equal({ sent: 0, failed: 0 });
    expect(simulator.shippingWrites).to.deep.equal([
      { orderId: Number(first.externalId), tracking_code: '20450644192161', shipping_date: '2026-11-24' },
      { orderId: Number(second.externalId), tracking_code: '20450644192162', shipping_date: '2026-11-25' },
    ]);
    const { body } = await api.call('GET', `/v1/orders/${first.id}`);
    expect(body.shipment.sentToPlatform).to.equal(true);
    expect(body.feed.map((f: any) => f.type)).to.include.members(['ShipmentRecorded', 'DeliveryInfoSent']);
  });

  it('given one parcel delivered by the carrier, when check-delivery-dates runs, then its day is recorded and the other stays in transit', async () => {
    const [first, second] = orders;
    simulator.orders.setShipping(Number(first.externalId), { shipping_status: 'delivered', shipping_date_actual: '2026-11-26T00:00:00.000000Z' });
    const run = await startAndFinish(api, integrationId, 'check-delivery-dates');
    expect(run.counts, JSON.stringify(run)).to.deep.equal({ delivered: 1, inTransit: 1, failed: 0 });
    const { body } = await api.call('GET', `/v1/orders/${first.id}`);
    expect(body.shipment.deliveredOn).to.equal('2026-11-26');
    expect(body.feed.at(-1).text).to.match(/Delivered on 2026-11-26/);
    expect((await api.call('GET', `/v1/orders/${second.id}`)).body.shipment.deliveredOn).to.equal(null);
    const again = await startAndFinish(api, integrationId, 'check-delivery-dates');
    expect(again.counts).to.deep.equal({ delivered: 0, inTransit: 1, failed: 0 });
  });
});

describe('Products published on KeyCRM by the push-products automation', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;

  before(async () => {
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, products: [], requestsPerMinute: 0 });
    api = await startSynchubApi({ automations: true });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Dnipro shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    integrationId = created.body.id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given local products flagged "show in e-commerce", when push-products runs twice, then each is created on KeyCRM once; one already there is linked, not duplicated', async () => {
    // Local products come from a local order; one of them is already in the KeyCRM catalogue under its article.
    const { body: contact } = await api.call('POST', '/v1/orders', {
      number: 'L-1', status: 'new', currency: 'UAH',
      customer: { firstName: 'Iryna', lastName: 'Bondar', phone: '+380501112233', email: 'iryna@example.com' },
      items: [
        { sku: 'MUG-1', name: 'Mug', quantity: 1, price: 150 },
        { sku: 'CAP-1', name: 'Cap', quantity: 1, price: 300 },
        { sku: 'BAG-1', name: 'Bag', quantity: 1, price: 900 },
      ],
    });
    expect(contact.id, JSON.stringify(contact)).to.be.a('string');
    simulator.catalogue.push({ id: 77, name: 'Bag (KeyCRM)', description: '', sku: 'BAG-1', is_archived: false });
    const products = (await api.call('GET', '/v1/products?limit=100')).body.items;
    for (const product of products) {
      const flagged = await api.call('PATCH', `/v1/products/${product.id}`, { showInEcommerce: product.sku !== 'CAP-1' });
      expect(flagged.status, JSON.stringify(flagged.body)).to.equal(200);
    }
    const run = await startAndFinish(api, integrationId, 'push-products');
    expect(run.counts, JSON.stringify(run)).to.deep.equal({ created: 1, updated: 0, kept: 1, unchanged: 0, withoutArticle: 0, failed: 0 });
    expect(simulator.productsCreated.map((p) => [p.sku, p.name])).to.deep.equal([['MUG-1', 'Mug']]);
    const again = await startAndFinish(api, integrationId, 'push-products');
    expect(again.counts).to.include({ created: 0, unchanged: 2 });
    expect(simulator.productsCreated).to.have.length(1);
    const bag = (await api.call('GET', '/v1/products?limit=100')).body.items.find((p: any) => p.sku === 'BAG-1');
    expect(bag.publishedOn[integrationId]).to.include({ externalId: '77', detailsSent: false });
  });
});

describe('Pending payments checked by the check-pending-payments automation', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  const time = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);

  before(async () => {
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, requestsPerMinute: 0 });
    const buyer = (id: number, phone: string) => ({ id, full_name: 'Taras Bondar', email: `t${id}@example.com`, phone, company_id: null, manager_id: null });
    const products = [{ name: 'Mug', sku: 'MUG', price: 100, price_sold: 100, quantity: 1 }];
    simulator.orders.addOrder({ id: 501, status_id: 1, payment_status: 'not_paid', buyer: buyer(1, '+380671110001'), products } as never);
    simulator.orders.addOrder({ id: 502, status_id: 1, payment_status: 'not_paid', buyer: buyer(2, '+380671110002'), products, created_at: time(10) } as never);
    simulator.orders.addOrder({ id: 503, status_id: 1, payment_status: 'not_paid', buyer: buyer(3, '+380671110003'), products } as never);
    api = await startSynchubApi({ automations: true });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM',
      platform: 'keycrm',
      storeName: 'Payments shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
      statusMap: [{ platform: '1', local: 'awaiting payment' }],
      pendingPayment: { status: 'awaiting payment', openStatus: 'open', giveUpAfterDays: 7 },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    await api.sync(integrationId);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given orders awaiting payment, when the check runs, then paid ones are opened, long-unpaid ones given up and recorded, the rest wait', async () => {
    simulator.orders.updateOrder(501, { payment_status: 'paid' } as never);
    const run = await startAndFinish(api, integrationId, 'check-pending-payments');
    expect(run.counts, JSON.stringify(run)).to.deep.equal({ opened: 1, givenUp: 1, stillUnpaid: 1 });
    await api.syncsDone();
    const orders = (await api.call('GET', '/v1/orders?store=integrations&limit=10')).body.items;
    const byExternal = Object.fromEntries(orders.map((o: any) => [o.externalId, o]));
    expect(byExternal['501'].status).to.equal('open');
    expect(byExternal['503'].status).to.equal('awaiting payment');
    const givenUp = (await api.call('GET', `/v1/orders/${byExternal['502'].id}`)).body;
    expect(givenUp.feed.map((f: any) => f.text).join('\n')).to.match(/Payment no longer checked: still unpaid 7 days/);
  });
});

describe('Catalogue import and import of new products from KeyCRM', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  const product = (id: number, sku: string, name: string, extra: Record<string, unknown> = {}) => ({
    // The category by id, named in the account's categories (GET /products/categories), as the spec has it.
    id, name, sku, description: '', is_archived: false, category_id: 7, created_at: '2026-11-01 10:00:00', updated_at: '2026-11-01 10:00:00', ...extra,
  });

  before(async () => {
    simulator = await startKeycrmSimulator({
      apiKey: API_KEY,
      requestsPerMinute: 0,
      categories: [{ id: 7, name: 'Кружки' }],
      products: [
        product(1, 'MUG-1', 'Кружка біла'),
        product(2, 'MUG-2', 'Кружка чорна'),
        product(3, 'OLD-1', 'Стара кружка', { is_archived: true }),
        { id: 4, sku: 'BAD', name: 42 },
      ],
    });
    api = await startSynchubApi({ automations: true });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Catalogue shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    integrationId = created.body.id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given the platform catalogue, when the catalogue import runs, then products are created once, archived ones left out, a bad one rejected with its field', async () => {
    const run = await startAndFinish(api, integrationId, 'catalogue-import');
    expect(run.counts, JSON.stringify(run)).to.deep.equal({ created: 2, updated: 0, unchanged: 0, archived: 1, rejected: 1 });
    const detail = (await api.call('GET', `/v1/integrations/${integrationId}/automations/catalogue-import/runs/${run.id}`)).body;
    expect(detail.log.map((l: any) => l.message).join('\n')).to.match(/product 4 rejected: name must be text/);
    await api.syncsDone();
    const products = (await api.call('GET', '/v1/products?q=кружка')).body.items;
    expect(products.map((p: any) => p.sku).sort()).to.deep.equal(['MUG-1', 'MUG-2']);
    expect(products[0]).to.include({ unit: 'piece', category: 'Кружки' });
  });

  it('given a renamed product and a new one, when import-products runs, then only the new one is created; the catalogue import also renames', async () => {
    simulator.catalogue[0].name = 'Кружка біла 300 мл';
    simulator.catalogue.push(product(5, 'MUG-3', 'Кружка синя'));
    const newOnly = await startAndFinish(api, integrationId, 'import-products');
    expect(newOnly.counts).to.include({ created: 1, updated: 0, unchanged: 2 });
    const full = await startAndFinish(api, integrationId, 'catalogue-import');
    expect(full.counts).to.include({ created: 0, updated: 1, unchanged: 2 });
    await api.syncsDone();
    const renamed = (await api.call('GET', '/v1/products?sku=MUG-1')).body.items[0];
    expect(renamed.name).to.equal('Кружка біла 300 мл');
  });
});

describe('An automation whose platform is down backs off while the others go on', function () {
  this.timeout(60_000);
  let healthy: KeycrmSimulator;
  let api: SynchubApi;
  let downId: string;
  let healthyId: string;

  const connect = async (storeName: string, baseUrl: string) => {
    const created = await api.call('POST', '/v1/integrations', {
      name: storeName, platform: 'keycrm', storeName, baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body.id as string;
  };
  const runs = async (id: string) =>
    (await api.call('GET', `/v1/integrations/${id}/automations/import-orders/runs?limit=50`)).body.items.filter((r: any) => r.status !== 'running');

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 5, products: 3, buyers: 5, startAt: new Date(Date.now() - 86_400_000), seed: 9 });
    healthy = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    // A platform that refuses connections: started to learn a free port, then closed.
    const gone = await startKeycrmSimulator({ apiKey: API_KEY, requestsPerMinute: 0 });
    await gone.close();
    api = await startSynchubApi({ automations: true });
    downId = await connect('Gone shop', gone.baseUrl);
    healthyId = await connect('Healthy shop', healthy.baseUrl);
    for (const id of [downId, healthyId]) {
      const scheduled = await api.call('PUT', `/v1/integrations/${id}/automations/import-orders`, { intervalMs: 1_000 });
      expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(200);
    }
  });

  after(async () => {
    await api?.close();
    await healthy?.close();
  });

  it('given import-orders every second on two stores, when one platform is down, then its automation waits 30 s and says so, the other keeps running', async () => {
    const [failed] = await eventually(async () => {
      const done = await runs(downId);
      if (done.length === 0) throw new Error('the first run against the dead platform has not ended');
      return done;
    }, 30_000);
    expect(failed.status).to.equal('failed');
    expect(failed.error).to.match(/failed after \d+ attempt\(s\); last: network error/);
    const waitMs = Date.parse(failed.retryNotBefore) - Date.parse(failed.finishedAt);
    expect(waitMs).to.be.within(29_000, 31_000);
    const { body: detail } = await api.call('GET', `/v1/integrations/${downId}/automations/import-orders/runs/${failed.id}`);
    expect(detail.log.map((l: any) => l.message).join('\n')).to.match(/unavailable 1 run\(s\) in a row; backing off until/);

    const { body: view } = await api.call('GET', `/v1/integrations/${downId}/automations/import-orders`);
    expect(view.backingOffUntil).to.equal(failed.retryNotBefore);
    expect(Date.parse(view.nextRunAt)).to.be.at.least(Date.parse(failed.retryNotBefore));

    // Meanwhile the healthy store's automation runs on its one-second schedule.
    await eventually(async () => {
      if ((await runs(healthyId)).filter((r: any) => r.status === 'succeeded').length < 3) throw new Error('the healthy automation stalled');
    }, 20_000);
    expect(await runs(downId)).to.have.length(1);
    const { body: healthyView } = await api.call('GET', `/v1/integrations/${healthyId}/automations/import-orders`);
    expect(healthyView.backingOffUntil).to.equal(null);
  });
});

import { expect } from 'chai';
import {
  seedShopifyOrders,
  signedDelivery as signedShopifyDelivery,
  startShopifySimulator,
  shopifyTime,
  type ShopifySimulator,
} from '../../simulators/shopify/index.js';
import {
  pingDelivery,
  seedWooCommerceOrders,
  signedDelivery as signedWooDelivery,
  startWooCommerceSimulator,
  wooTime,
  type WooCommerceOrderRecord,
  type WooCommerceSimulator,
} from '../../simulators/woocommerce/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';
import { testDatabaseUrl } from '../support/databases.js';
import { jsonLines, postgresEnv, runCli } from '../interfaces/cli/cliProcess.js';

const DAY = 86_400_000;
const WOO_SECRET = 'woo-webhook-secret-e2e';
const SHOPIFY_SECRET = 'shopify-webhook-secret-e2e';
const SHOPIFY_CLIENT_SECRET = 'shpss_webhooks_client_secret_e2e';

interface Delivery {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** POSTs the delivery's exact bytes with its headers, as the platform would. */
async function deliver(api: SynchubApi, integrationId: string, delivery: Delivery): Promise<{ status: number; body: any }> {
  const headers = Object.fromEntries(Object.entries(delivery.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(`${api.base}/webhooks/${integrationId}`, { method: 'POST', headers, body: new Uint8Array(delivery.rawBody) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The integration's orders once the read model has taken in every event written so far. */
async function ordersOf(api: SynchubApi, integrationId: string): Promise<any[]> {
  await api.syncsDone();
  return (await api.call('GET', `/v1/orders?store=integrations&integrationId=${integrationId}&limit=100`)).body.items;
}

const eventsOf = async (api: SynchubApi) => (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).length;

describe('WooCommerce webhooks into the same import as polling', function () {
  this.timeout(60_000);
  let simulator: WooCommerceSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let seeded: WooCommerceOrderRecord[];

  before(async () => {
    seeded = seedWooCommerceOrders({ count: 6, products: 4, buyers: 6, startAt: new Date(Date.now() - DAY), seed: 3, currency: 'EUR' });
    simulator = await startWooCommerceSimulator({ consumerKey: 'ck_webhooks', consumerSecret: 'cs_webhooks', seedOrders: seeded, requestsPerMinute: 0 });
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Woo', platform: 'woocommerce', storeName: 'Berlin shop', baseUrl: simulator.baseUrl.replace(/\/wp-json\/wc\/v3$/, ''), currency: 'EUR',
      credentials: { consumerKey: 'ck_webhooks', consumerSecret: 'cs_webhooks', webhookSecret: WOO_SECRET },
      statusMap: [
        { platform: 'pending', local: 'awaiting payment' },
        { platform: 'processing', local: 'paid' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a correctly signed order.created delivery, then the order is imported', async () => {
    const { status, body } = await deliver(api, integrationId, signedWooDelivery(seeded[0], { secret: WOO_SECRET, topic: 'order.created', deliveryId: 1 }));
    expect(status, JSON.stringify(body)).to.equal(200);
    expect(body).to.include({ status: 'imported', externalId: String(seeded[0].id) });
    const [order] = await ordersOf(api, integrationId);
    expect(order).to.include({ externalId: String(seeded[0].id), number: String(seeded[0].number) });
  });

  it('given a wrong or missing signature, then 401 and nothing is stored', async () => {
    const before = await eventsOf(api);
    const forged = signedWooDelivery(seeded[1], { secret: 'not-the-secret', deliveryId: 2 });
    const unsigned = signedWooDelivery(seeded[1], { secret: WOO_SECRET, deliveryId: 3 });
    delete unsigned.headers['X-WC-Webhook-Signature'];
    // The right signature over other bytes: the same JSON with one more space.
    const tampered = signedWooDelivery(seeded[1], { secret: WOO_SECRET, deliveryId: 4 });
    tampered.rawBody = Buffer.concat([tampered.rawBody, Buffer.from(' ')]);
    for (const delivery of [forged, unsigned, tampered]) {
      const { status, body } = await deliver(api, integrationId, delivery);
      expect(status, JSON.stringify(body)).to.equal(401);
      expect(body.title).to.equal('Unauthorized');
    }
    expect(await eventsOf(api)).to.equal(before);
    expect((await ordersOf(api, integrationId)).map((o) => o.externalId)).not.to.include(String(seeded[1].id));
  });

  it('given the same delivery sent three times, then one order, and the repeats are answered as duplicates', async () => {
    const delivery = signedWooDelivery(seeded[2], { secret: WOO_SECRET, topic: 'order.created', deliveryId: 77 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await deliver(api, integrationId, delivery)).body.status);
    expect(answers).to.deep.equal(['imported', 'duplicate', 'duplicate']);
    expect((await ordersOf(api, integrationId)).filter((o) => o.externalId === String(seeded[2].id))).to.have.length(1);
  });

  it('given orders that came by webhook, when polling reads them too, then each exists once', async () => {
    const run = await api.sync(integrationId);
    expect(run.status, JSON.stringify(run)).to.equal('succeeded');
    expect(run.counts.imported).to.equal(seeded.length - 2);
    const orders = await ordersOf(api, integrationId);
    expect(orders).to.have.length(seeded.length);
    expect(new Set(orders.map((o) => o.externalId)).size).to.equal(seeded.length);
  });

  it('given "paid" delivered before "created", then the order ends paid, not back in pending payment', async () => {
    const base = seeded[0];
    const id = 9_001;
    const createdAt = new Date(Date.now() - 60_000);
    const placed = { ...base, id, number: String(id), status: 'pending', date_paid: null, date_paid_gmt: null, date_created_gmt: wooTime(createdAt), date_modified_gmt: wooTime(createdAt) };
    const paid = { ...placed, status: 'processing', date_paid_gmt: wooTime(new Date(createdAt.getTime() + 30_000)), date_modified_gmt: wooTime(new Date(createdAt.getTime() + 30_000)) };
    expect((await deliver(api, integrationId, signedWooDelivery(paid, { secret: WOO_SECRET, topic: 'order.updated', deliveryId: 902 }))).body.status).to.equal('imported');
    expect((await deliver(api, integrationId, signedWooDelivery(placed, { secret: WOO_SECRET, topic: 'order.created', deliveryId: 901 }))).body.status).to.equal('unchanged');
    const order = (await ordersOf(api, integrationId)).find((o) => o.externalId === String(id));
    expect(order).to.include({ status: 'paid', platformStatus: 'processing' });
  });

  it('given an order in another currency by webhook, then it is rejected and shows with its reason in the report, the export and the metric', async () => {
    const foreign = { ...seeded[5], id: 9_100, number: '9100', currency: 'USD' };
    const { body } = await deliver(api, integrationId, signedWooDelivery(foreign, { secret: WOO_SECRET, topic: 'order.created', deliveryId: 910 }));
    expect(body).to.include({ status: 'rejected', externalId: '9100' });
    expect(body.reason).to.match(/USD/);
    await api.syncsDone();

    const runs = (await api.call('GET', `/v1/sync-runs?integrationId=${integrationId}&limit=20`)).body.items;
    const intake = runs.find((run: any) => run.trigger === 'webhook');
    expect(intake, JSON.stringify(runs)).to.include({ status: 'receiving' });
    expect(intake.counts.rejected).to.equal(1);
    expect(intake.counts.imported).to.be.at.least(2);
    expect(intake.rejected).to.deep.equal([{ externalId: '9100', reason: body.reason }]);

    const day = new Date().toISOString().slice(0, 10);
    const exported = await runCli(
      ['export', 'sync-history', '--integration', integrationId, '--from', `${day}T00:00:00Z`, '--to', new Date(Date.now() + 60_000).toISOString()],
      postgresEnv(api.schema, testDatabaseUrl),
    );
    expect(exported.code, exported.stderr).to.equal(0);
    const exportedIntake = jsonLines(exported.stdout).find((run) => run.trigger === 'webhook');
    expect(exportedIntake).to.include({ runId: intake.id, rejected: 1 });
    expect(exportedIntake.rejectedOrders).to.deep.equal([{ externalId: '9100', reason: body.reason }]);

    const metrics = await (await fetch(`${api.base}/metrics`)).text();
    const rejected = new RegExp(`^synchub_orders_rejected_total\\{integration="${integrationId}"\\} (\\d+)$`, 'm').exec(metrics);
    expect(Number(rejected?.[1]), metrics.slice(0, 400)).to.equal(1);
  });

  it('given the ping WooCommerce sends when a webhook is saved, then 200 and nothing imported', async () => {
    const before = await eventsOf(api);
    const { status, body } = await deliver(api, integrationId, pingDelivery(5));
    expect(status).to.equal(200);
    expect(body.status).to.equal('ignored');
    expect(await eventsOf(api)).to.equal(before);
  });
});

describe('Shopify webhooks into the same import as polling', function () {
  this.timeout(60_000);
  let simulator: ShopifySimulator;
  let api: SynchubApi;
  let integrationId: string;
  let seeded: any[];

  before(async () => {
    seeded = seedShopifyOrders({ count: 4, products: 3, buyers: 4, startAt: new Date(Date.now() - DAY), seed: 5, currency: 'EUR' }).filter((o: any) => o.customer);
    simulator = await startShopifySimulator({ accessToken: 'shpat_webhooks', seedOrders: seeded });
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Shopify', platform: 'shopify', storeName: 'Paris shop', baseUrl: simulator.baseUrl.replace(/\/admin\/api\/[^/]+$/, ''), currency: 'EUR',
      credentials: { accessToken: 'shpat_webhooks', webhookSecret: SHOPIFY_SECRET },
      statusMap: [
        { platform: 'pending', local: 'awaiting payment' },
        { platform: 'paid', local: 'paid' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given orders/paid delivered before orders/create, then one order that ends paid', async () => {
    const createdAt = new Date(Date.now() - 60_000);
    const placed = { ...seeded[0], financial_status: 'pending', created_at: shopifyTime(createdAt, 60), updated_at: shopifyTime(createdAt, 60) };
    const paid = { ...placed, financial_status: 'paid', updated_at: shopifyTime(new Date(createdAt.getTime() + 20_000), 60) };
    const first = await deliver(api, integrationId, signedShopifyDelivery(paid, { secret: SHOPIFY_SECRET, topic: 'orders/paid', webhookId: 'w-2' }));
    expect(first.body, JSON.stringify(first.body)).to.include({ status: 'imported' });
    const late = await deliver(api, integrationId, signedShopifyDelivery(placed, { secret: SHOPIFY_SECRET, topic: 'orders/create', webhookId: 'w-1' }));
    expect(late.body.status).to.equal('unchanged');
    const orders = await ordersOf(api, integrationId);
    expect(orders).to.have.length(1);
    expect(orders[0]).to.include({ status: 'paid', platformStatus: 'paid' });
  });

  it('given a redelivery with the same webhook id, then it is a duplicate; a bad HMAC is 401 and stores nothing', async () => {
    const delivery = signedShopifyDelivery(seeded[1], { secret: SHOPIFY_SECRET, topic: 'orders/create', webhookId: 'w-3' });
    expect((await deliver(api, integrationId, delivery)).body.status).to.equal('imported');
    expect((await deliver(api, integrationId, delivery)).body.status).to.equal('duplicate');
    const before = await eventsOf(api);
    const forged = signedShopifyDelivery(seeded[2], { secret: 'wrong', topic: 'orders/create', webhookId: 'w-4' });
    expect((await deliver(api, integrationId, forged)).status).to.equal(401);
    expect(await eventsOf(api)).to.equal(before);
  });

  it("given a Dev Dashboard app's integration, then a delivery signed with its client secret imports once and a tampered one is 401", async () => {
    const app = await api.call('POST', '/v1/integrations', {
      name: 'Shopify app', platform: 'shopify', storeName: 'Lyon shop', baseUrl: simulator.baseUrl, currency: 'EUR',
      credentials: { clientId: 'webhooks-app', clientSecret: SHOPIFY_CLIENT_SECRET },
    });
    expect(app.status, JSON.stringify(app.body)).to.equal(201);
    const order = { ...seeded[2], id: 6_600_000_001, name: '#6601' };
    const delivery = signedShopifyDelivery(order, { secret: SHOPIFY_CLIENT_SECRET, topic: 'orders/create', webhookId: 'app-w-1' });
    expect((await deliver(api, app.body.id, delivery)).body.status).to.equal('imported');
    expect((await deliver(api, app.body.id, delivery)).body.status).to.equal('duplicate');
    expect((await ordersOf(api, app.body.id)).map((imported) => imported.externalId)).to.deep.equal(['6600000001']);
    const before = await eventsOf(api);
    const tampered = { ...delivery, headers: { ...delivery.headers, 'x-shopify-webhook-id': 'app-w-2' }, rawBody: Buffer.from(delivery.rawBody.toString('utf8').replace(order.total_price, '0.01')) };
    expect((await deliver(api, app.body.id, tampered)).status).to.equal(401);
    const legacySecret = signedShopifyDelivery({ ...order, id: 6_600_000_002 }, { secret: SHOPIFY_SECRET, topic: 'orders/create', webhookId: 'app-w-3' });
    expect((await deliver(api, app.body.id, legacySecret)).status, 'signed with another secret').to.equal(401);
    expect(await eventsOf(api)).to.equal(before);
  });

  it('given a topic that carries no order, then it is acknowledged and ignored', async () => {
    const delivery = signedShopifyDelivery({ id: 1, title: 'A product' }, { secret: SHOPIFY_SECRET, topic: 'products/update', webhookId: 'w-5' });
    const { status, body } = await deliver(api, integrationId, delivery);
    expect(status).to.equal(200);
    expect(body.status).to.equal('ignored');
  });

  it('given webhooks for a KeyCRM integration or an unknown one, then 404 says why', async () => {
    const keycrm = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Kyiv', baseUrl: 'http://127.0.0.1:9', currency: 'UAH', credentials: { apiKey: 'keycrm-key-0001' },
    });
    const none = await deliver(api, keycrm.body.id, { headers: { 'content-type': 'application/json' }, rawBody: Buffer.from('{}') });
    expect(none.status).to.equal(404);
    expect(none.body.detail).to.match(/keycrm integrations receive no webhooks/);
    const unknown = await deliver(api, '00000000-0000-4000-8000-000000000000', { headers: {}, rawBody: Buffer.from('{}') });
    expect(unknown.status).to.equal(404);
  });
});

import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { signedDelivery, seedWooCommerceOrders } from '../../simulators/woocommerce/index.js';
import { API_ROUTES } from '../../src/interfaces/http/openapi/apiRoutes.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const WOO_SECRET = 'hostile-input-webhook-secret';

/** A JSON text nested `depth` arrays deep inside a field. */
const nested = (depth: number) => `{"comment":${'['.repeat(depth)}1${']'.repeat(depth)}}`;

describe('security: hostile input gives a 400 naming the field, never a 500 (and never a poisoned store)', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  let viewer: string;
  let orderId: string;
  before(async () => {
    api = await startSynchubApi({ automations: true });
    viewer = (await api.call('POST', '/v1/tokens', { name: 'hostile viewer', role: 'viewer' })).body.token;
    const order = await api.call('POST', '/v1/orders', { number: 'H-1', currency: 'UAH', customer: { firstName: 'Ada', lastName: 'L', phone: '+380501112233', email: '' }, items: [{ name: 'Mug', quantity: 1, price: 10 }] });
    orderId = order.body.id;
  });
  after(() => api.close());

  async function raw(method: string, path: string, body: string, token = ADMIN_TOKEN) {
    const response = await fetch(`${api.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as { errors?: { field: string; reason: string }[]; detail?: string } };
  }
  const fields = (answer: { body: { errors?: { field: string }[] } }) => (answer.body.errors ?? []).map((error) => error.field);

  for (const route of API_ROUTES.filter((r) => r.method === 'get' && r.success.schema?.startsWith('Page<'))) {
    it(`given ?page=1e18 on GET ${route.path} (a viewer may send it), then 400 naming page`, async () => {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'name' ? 'import-orders' : orderId));
      const response = await fetch(`${api.base}${path}?page=1e18`, { headers: { authorization: `Bearer ${route.access === 'admin' ? ADMIN_TOKEN : viewer}` } });
      const body = (await response.json()) as { errors?: { field: string }[] };
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(fields({ body })).to.deep.equal(['page']);
    });
  }

  it('given a body nested 2 000 deep, then 400 saying how deep a body may be', async () => {
    const answer = await raw('POST', `/v1/orders/${orderId}/status`, nested(2000));
    expect(answer.status).to.equal(400);
    expect(answer.body.errors![0].reason).to.match(/nested deeper than 64/);
  });

  it('given a body value that is an object with a constructor key, or __proto__ or prototype keys, then 400 naming them as unknown fields', async () => {
    for (const [body, field] of [
      ['{"status":{"constructor":{"name":"x"}}}', 'status.constructor'],
      ['{"__proto__":{"admin":true},"status":"paid"}', '__proto__'],
      ['{"status":"paid","prototype":1}', 'prototype'],
    ] as const) {
      const answer = await raw('POST', `/v1/orders/${orderId}/status`, body);
      expect(answer.status, body).to.equal(400);
      expect(fields(answer), body).to.include(field);
    }
  });

  it('given an impossible day of shipment (2026-13-45, 2026-02-30), then 400 naming shippedOn', async () => {
    for (const shippedOn of ['2026-13-45', '2026-02-30']) {
      const answer = await raw('POST', `/v1/orders/${orderId}/shipment`, JSON.stringify({ trackingCode: '204500', shippedOn }));
      expect(answer.status, shippedOn).to.equal(400);
      expect(fields(answer)).to.deep.equal(['shippedOn']);
    }
  });

  it('given a lone surrogate or a NUL in a text or a key of an API body, then 400 naming the field, and nothing is stored', async () => {
    const head = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).length;
    for (const [body, field] of [
      ['{"number":"A\\ud800","currency":"UAH","customer":{"phone":"+380501112233"},"items":[]}', 'number'],
      ['{"number":"A-2","currency":"UAH","customer":{"firstName":"\\udc00x","phone":"+380501112233"},"items":[]}', 'customer.firstName'],
      ['{"number":"A-3\\u0000","currency":"UAH","customer":{"phone":"+380501112233"},"items":[]}', 'number'],
      ['{"number":"A-4","currency":"UAH","customer":{"phone":"+380501112233"},"items":[],"\\ud800":1}', 'body'],
    ] as const) {
      const answer = await raw('POST', '/v1/orders', body);
      expect(answer.status, body).to.equal(400);
      expect(fields(answer), body).to.deep.equal([field]);
    }
    expect((await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).length).to.equal(head);
  });

  describe('platform payloads', () => {
    let simulator: KeycrmSimulator;
    after(() => simulator?.close());

    it('given platform orders with a lone surrogate or a NUL in their text, when synced twice, then those orders are rejected naming the field, the others imported, the run succeeds and the cursor moves', async () => {
      const seeded = seedKeycrmOrders({ count: 6, products: 3, buyers: 6, startAt: new Date(Date.now() - 86_400_000), seed: 19 }).filter((order) => order.buyer);
      const raw = structuredClone(seeded) as unknown as Record<string, any>[];
      raw[0].buyer = { ...raw[0].buyer, full_name: 'Олена \ud800Коваленко' };
      raw[1].products[0].name = 'Кружка \udc00';
      raw[2].buyer_comment = 'call me\u0000 maybe';
      simulator = await startKeycrmSimulator({ apiKey: 'hostile-text-key', seedOrders: raw as never, requestsPerMinute: 0 });
      const created = await api.call('POST', '/v1/integrations', { name: 'Hostile text', platform: 'keycrm', storeName: 'Shop', baseUrl: simulator.baseUrl, currency: 'UAH', credentials: { apiKey: 'hostile-text-key' } });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      // The second run re-reads the same window: the bad orders never block a later run.
      let from: string | undefined;
      for (const attempt of [1, 2]) {
        const run = await api.sync(created.body.id, from === undefined ? undefined : { from });
        from = run.window.from;
        expect(run.status, `run ${attempt}: ${run.error}`).to.equal('succeeded');
        const reasons = Object.fromEntries(run.rejected.map((r: { externalId: string; reason: string }) => [r.externalId, r.reason]));
        expect(reasons[String(raw[0].id)]).to.match(/buyer\.full_name contains a lone UTF-16 surrogate/);
        expect(reasons[String(raw[1].id)]).to.match(/products\[0\]\.name contains a lone UTF-16 surrogate/);
        expect(reasons[String(raw[2].id)]).to.match(/buyer_comment contains a NUL character/);
        const integration = await api.call('GET', `/v1/integrations/${created.body.id}`);
        expect(integration.body.importCursor, `run ${attempt}`).to.equal(run.window.to);
      }
    });

    it('given a signed WooCommerce webhook whose order carries a lone surrogate, then 400 naming the field, and nothing is stored', async () => {
      const created = await api.call('POST', '/v1/integrations', {
        name: 'Woo hostile', platform: 'woocommerce', storeName: 'Shop', baseUrl: 'https://shop.example.com', currency: 'EUR',
        credentials: { consumerKey: 'ck_hostile', consumerSecret: 'cs_hostile', webhookSecret: WOO_SECRET },
      });
      const [order] = seedWooCommerceOrders({ count: 1, products: 1, buyers: 1, startAt: new Date(Date.now() - 3_600_000), seed: 5, currency: 'EUR' });
      const hostile = { ...order, billing: { ...order.billing, first_name: 'Anna\ud800' } };
      const delivery = signedDelivery(hostile as never, { secret: WOO_SECRET, topic: 'order.created', deliveryId: 77 });
      const head = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).length;
      const headers = Object.fromEntries(Object.entries(delivery.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const response = await fetch(`${api.base}/webhooks/${created.body.id}`, { method: 'POST', headers, body: new Uint8Array(delivery.rawBody) });
      const body = (await response.json()) as { errors?: { field: string }[] };
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(fields({ body })).to.deep.equal(['billing.first_name']);
      expect((await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).length).to.equal(head);
    });
  });
});

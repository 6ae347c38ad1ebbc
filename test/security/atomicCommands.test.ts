import { expect } from 'chai';
import { API_ROUTES } from '../../src/interfaces/http/openapi/apiRoutes.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

/** Per mutating route with a body: a body whose other parts are valid (and would write something new) with one bad part. */
const HALF_VALID: Record<string, { body: Record<string, unknown>; field: RegExp; read?: string }> = {
  'post /v1/tokens': { body: { name: 'half-valid', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' }, field: /^expiresAt$/, read: '/v1/tokens?limit=100' },
  'post /v1/orders': {
    // A new buyer and a new product that a partial command would register before refusing the currency.
    body: { number: 'HV-1', currency: 'uah', customer: { firstName: 'Nova', lastName: 'K', phone: '+380509998877', email: '' }, items: [{ name: 'Never registered', sku: 'HV-SKU', quantity: 1, price: 5 }] },
    field: /^currency$/,
    read: '/v1/contacts?limit=100',
  },
  'post /v1/orders/:id/status': { body: { status: 'paid', colour: 'red' }, field: /^colour$/, read: '/v1/orders/:id' },
  'post /v1/orders/:id/status-push/abandon': { body: { reason: '' }, field: /^reason$/, read: '/v1/orders/:id' },
  'post /v1/orders/:id/shipment': { body: { trackingCode: '20450000000001', shippedOn: '2026-13-45' }, field: /^shippedOn$/, read: '/v1/orders/:id' },
  'patch /v1/products/:id': { body: { syncStock: true, showInEcommerce: true, stock: -3 }, field: /^stock$/, read: '/v1/products/:id' },
  'post /v1/integrations': {
    body: { name: 'Half', platform: 'keycrm', storeName: 'Shop', baseUrl: 'https://openapi.keycrm.app/v1', currency: 'UAH', credentials: { wrong: 'x' } },
    field: /^credentials\./,
    read: '/v1/integrations?limit=100',
  },
  'patch /v1/integrations/:id': { body: { name: 'X', baseUrl: 'https://other.example.com/v1', credentials: { wrong: 'x' } }, field: /^credentials\./, read: '/v1/integrations/:id' },
  'post /v1/integrations/:id/sync': { body: { from: '2026-02-30T00:00:00Z' }, field: /^from$/, read: '/v1/sync-runs?limit=100' },
  'put /v1/integrations/:id/automations/:name': { body: { intervalMs: 10 }, field: /^intervalMs$/, read: '/v1/integrations/:id/automations/:name' },
  // The console's sign-in appends nothing at all; a half-valid one must not sign in either (no cookie: see consoleApi.test.ts).
  'post /console/session': { body: { token: 'half-valid-token-0123456789', remember: true }, field: /^remember$/ },
};

describe('security: a command answered 400 changes nothing (validated first, one append or none)', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  const ids: Record<string, string> = {};
  before(async () => {
    api = await startSynchubApi({ automations: true });
    const integration = await api.call('POST', '/v1/integrations', { name: 'Atomic', platform: 'keycrm', storeName: 'Shop', baseUrl: 'https://openapi.keycrm.app/v1', currency: 'UAH', credentials: { apiKey: 'atomic-key' } });
    const order = await api.call('POST', '/v1/orders', { number: 'AT-1', currency: 'UAH', customer: { firstName: 'Ada', lastName: 'L', phone: '+380501112233', email: '' }, items: [{ name: 'Mug', sku: 'MUG-1', quantity: 1, price: 10 }] });
    const products = await api.call('GET', '/v1/products?limit=100');
    Object.assign(ids, { integration: integration.body.id, order: order.body.id, product: products.body.items.find((p: { sku: string }) => p.sku === 'MUG-1').id });
  });
  after(() => api.close());

  const pathOf = (template: string) =>
    template.replace(/:(\w+)/g, (_, name: string) => (name === 'name' ? 'import-orders' : template.startsWith('/v1/orders') ? ids.order : template.startsWith('/v1/products') ? ids.product : ids.integration));
  const eventCount = async () => (await api.eventStore.readAll({ after: 0, maxCount: 1_000_000 })).length;

  it('given the route table, then every route that changes something from a JSON body has a half-valid case here', () => {
    const mutating = API_ROUTES.filter((route) => route.method !== 'get' && route.body).map((route) => `${route.method} ${route.path}`);
    expect(Object.keys(HALF_VALID).sort()).to.deep.equal(mutating.sort());
  });

  for (const [route, { body, field, read }] of Object.entries(HALF_VALID)) {
    it(`${route.toUpperCase()}: given a half-valid body, then 400 naming the bad field, no event is appended and what it reads back is unchanged`, async () => {
      const [method, template] = route.split(' ');
      const before = { events: await eventCount(), read: read && (await api.call('GET', pathOf(read))).body };
      const answer = await api.call(method.toUpperCase(), pathOf(template), body);
      expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field).some((name: string) => field.test(name)), JSON.stringify(answer.body.errors)).to.equal(true);
      await api.syncsDone();
      expect(await eventCount()).to.equal(before.events);
      if (read) expect((await api.call('GET', pathOf(read))).body).to.deep.equal(before.read);
    });
  }
});

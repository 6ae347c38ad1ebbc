import { expect } from 'chai';
import { roleAllows } from '../../src/application/accessTokens/roles.js';
import type { Role } from '../../src/domain/accessToken/role.js';
import { API_ROUTES, type ApiRoute } from '../../src/interfaces/http/openapi/apiRoutes.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const CALLERS = ['no token', 'bad token', 'viewer', 'operator', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const API_KEY = 'access-test-keycrm-secret-key-7f3e9d1c';
const WEBHOOK_SECRET = 'access-test-webhook-secret-4b2a';

/** A concrete path for a template: ids that exist where the route needs one, so the 2xx answers are real. */
function pathOf(route: ApiRoute, ids: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? ids.id);
}

/** What the route table promises for each kind of caller. */
function expectedAccess(route: ApiRoute, caller: Caller): 'unauthenticated' | 'forbidden' | 'allowed' {
  if (route.access === 'public' || route.access === 'signature') return 'allowed';
  if (caller === 'no token' || caller === 'bad token') return 'unauthenticated';
  if (route.access === 'token') return 'allowed';
  return roleAllows(caller as Role, route.access as Role) ? 'allowed' : 'forbidden';
}

describe('security: who may call which route', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  const tokens: Record<Caller, string | undefined> = { 'no token': undefined, 'bad token': 'not-a-token-of-this-synchub-0123456789', viewer: '', operator: '', admin: ADMIN_TOKEN };
  const issued: string[] = [];

  before(async () => {
    api = await startSynchubApi({ automations: true });
    for (const role of ['viewer', 'operator'] as const) {
      const { status, body } = await api.call('POST', '/v1/tokens', { name: `${role} of the access test`, role });
      expect(status).to.equal(201);
      tokens[role] = body.token;
      issued.push(body.token);
    }
  });

  after(async () => {
    // No secret of this suite reached the log.
    const secrets = [ADMIN_TOKEN, API_KEY, WEBHOOK_SECRET, ...issued, tokens['bad token']!];
    const leaks = api.logLines.filter((line) => secrets.some((secret) => line.includes(secret)));
    await api?.close();
    expect(leaks, 'log lines carrying a token or credential').to.deep.equal([]);
  });

  /** Fresh resources for each request, so a DELETE or a write in one cell does not change the next. */
  async function freshIds(): Promise<Record<string, string>> {
    const integration = await api.call('POST', '/v1/integrations', {
      name: 'Access KeyCRM', platform: 'keycrm', storeName: 'Access shop', baseUrl: 'http://127.0.0.1:9/v1', credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    const order = await api.call('POST', '/v1/orders', { number: `A-${issued.length}`, currency: 'UAH', customer: { firstName: 'Ada', lastName: 'L', phone: '+380501112233', email: 'ada@example.com' }, items: [{ name: 'Mug', quantity: 1, price: 100 }] });
    const token = await api.call('POST', '/v1/tokens', { name: 'to revoke', role: 'viewer' });
    issued.push(token.body.token);
    return { id: integration.body.id, integrationId: integration.body.id, orderId: order.body?.id, tokenId: token.body.id, name: 'import-orders', runId: '00000000-0000-4000-8000-000000000000' };
  }

  for (const route of API_ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path} (${route.access}): no token, a bad token and each role get what the route table promises`, async () => {
      const ids = await freshIds();
      // Each route gets the id of the kind of resource it names.
      const idFor = route.path.startsWith('/v1/orders') ? ids.orderId : route.path.startsWith('/v1/tokens') ? ids.tokenId : ids.id;
      const path = pathOf(route, { ...ids, id: idFor ?? ids.id });
      for (const caller of CALLERS) {
        const token = tokens[caller];
        const response = await fetch(`${api.base}${path}`, {
          method: route.method.toUpperCase(),
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(route.body || route.rawBody ? { 'content-type': 'application/json' } : {}) },
          body: route.body || route.rawBody ? '{}' : undefined,
        });
        const text = await response.text();
        const expected = expectedAccess(route, caller);
        const what = `${caller} → ${response.status} ${text.slice(0, 200)}`;
        expect(response.status, what).to.be.below(500);
        if (expected === 'unauthenticated') {
          expect(response.status, what).to.equal(401);
          expect(response.headers.get('www-authenticate'), what).to.match(/^Bearer/);
        } else if (expected === 'forbidden') {
          expect(response.status, what).to.equal(403);
        } else if (route.access === 'signature') {
          // A webhook without the platform's signature is refused whoever calls (the integration has no webhook secret).
          expect(response.status, what).to.be.oneOf([401, 404]);
        } else {
          expect(response.status, what).to.not.be.oneOf([401, 403]);
        }
        if (response.status >= 400) expect(response.headers.get('content-type'), what).to.match(/^application\/problem\+json/);
      }
    });
  }

  it('given issued tokens, then neither the events nor the read models hold a token: only its hash', async () => {
    const stored = await everythingStored(api);
    for (const token of [ADMIN_TOKEN, ...issued]) expect(stored.includes(token), `token ${token.slice(0, 6)}… stored in clear`).to.equal(false);
    expect(stored).to.match(/"tokenHash":/);
  });

  it('given an integration connected with an API key, then the key is stored sealed: its bytes (text, base64, hex) are nowhere in the stored events or read models, nor in any answer', async () => {
    const { body } = await api.call('POST', '/v1/integrations', {
      name: 'Sealed', platform: 'keycrm', storeName: 'Sealed shop', baseUrl: 'http://127.0.0.1:9/v1', credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    await api.call('PATCH', `/v1/integrations/${body.id}`, { credentials: { apiKey: `${API_KEY}-rotated`, webhookSecret: WEBHOOK_SECRET } });
    const stored = await everythingStored(api);
    const forms = [API_KEY, Buffer.from(API_KEY).toString('base64'), Buffer.from(API_KEY).toString('hex'), WEBHOOK_SECRET];
    for (const form of forms) expect(stored.includes(form), `${form} stored`).to.equal(false);
    expect(stored).to.include('IntegrationCredentialsChanged');
    const shown = JSON.stringify((await api.call('GET', `/v1/integrations/${body.id}`)).body);
    for (const form of forms) expect(shown.includes(form), `${form} answered`).to.equal(false);
  });
});

/** Every event and read-model document, as text, through the ports (the bytes the database holds as JSONB). */
async function everythingStored(api: SynchubApi): Promise<string> {
  const parts: string[] = [];
  for (let after = 0; ; ) {
    const page = await api.eventStore.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) break;
    for (const event of page) parts.push(JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata }));
    after = page[page.length - 1].position;
  }
  for (const collection of ['access_tokens', 'integrations', 'orders', 'contacts', 'products', 'sync_runs', 'automation_runs']) {
    parts.push(JSON.stringify(await api.readModels.find(collection, { limit: 100_000 })));
  }
  return parts.join('\n');
}

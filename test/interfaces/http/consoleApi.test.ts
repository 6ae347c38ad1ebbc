import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../../simulators/keycrm/index.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../../support/synchubApi.js';

const API_KEY = 'console-api-keycrm-key';

/** What the console relies on, over plain HTTP: the session exchange, CSRF, the pages, the export and the correlation view. */
describe('console support in the API', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  let simulator: KeycrmSimulator;
  let integrationId: string;
  let runId: string;

  before(async () => {
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seedKeycrmOrders({ count: 20, startAt: new Date(Date.now() - 86_400_000), seed: 9 }), requestsPerMinute: 0 });
    api = await startSynchubApi();
    const connected = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Poltava shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    integrationId = connected.body.id;
    runId = (await api.sync(integrationId)).id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  const signIn = async (token: string) =>
    fetch(`${api.base}/console/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];

  describe('the session exchange', () => {
    it('given an unknown token, when exchanged, then 401 and no cookie', async () => {
      const response = await signIn('not-a-token-of-this-synchub-000');
      expect(response.status).to.equal(401);
      expect(response.headers.get('set-cookie')).to.equal(null);
    });

    it('given a form post instead of JSON, when exchanged, then nothing is signed in (a cross-site form cannot log a browser in)', async () => {
      const response = await fetch(`${api.base}/console/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ADMIN_TOKEN}` });
      expect(response.status).to.equal(400);
      expect(response.headers.get('set-cookie')).to.equal(null);
      const halfValid = await fetch(`${api.base}/console/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN_TOKEN, remember: true }) });
      expect(halfValid.status).to.equal(400);
      expect(halfValid.headers.get('set-cookie')).to.equal(null);
    });

    it('given the admin token, when exchanged, then an HttpOnly SameSite=Strict cookie is set and the answer names the role and a CSRF token, not the token', async () => {
      const response = await signIn(ADMIN_TOKEN);
      expect(response.status).to.equal(201);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).to.match(/^synchub_session=/);
      expect(cookie).to.match(/HttpOnly/i);
      expect(cookie).to.match(/SameSite=Strict/i);
      expect(cookie).to.match(/Path=\//);
      const body = await response.json();
      expect(body).to.have.keys('tokenId', 'role', 'csrfToken');
      expect(body.role).to.equal('admin');
      expect(JSON.stringify(body)).not.to.contain(ADMIN_TOKEN);
    });

    it('given the cookie, when reads are sent with it alone, then they go through; a change needs the CSRF token, a wrong one is refused too', async () => {
      const response = await signIn(ADMIN_TOKEN);
      const cookie = cookieOf(response);
      const { csrfToken } = await response.json();
      expect((await fetch(`${api.base}/v1/integrations`, { headers: { cookie } })).status).to.equal(200);
      const change = (headers: Record<string, string>) =>
        fetch(`${api.base}/v1/integrations/${integrationId}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{"storeName":"Poltava shop"}' });
      const forged = await change({});
      expect(forged.status).to.equal(403);
      expect((await forged.json()).code).to.equal('csrf-token-missing');
      expect((await change({ 'x-csrf-token': `${csrfToken.slice(0, -1)}x` })).status).to.equal(403);
      expect((await change({ 'x-csrf-token': csrfToken })).status).to.equal(200);
      // A bearer token is no ambient credential: it needs no CSRF token.
      expect((await api.call('PATCH', `/v1/integrations/${integrationId}`, { storeName: 'Poltava shop' })).status).to.equal(200);
    });

    it('given a viewer session, when it tries a change with its CSRF token, then the role still decides (403)', async () => {
      const viewer = (await api.call('POST', '/v1/tokens', { name: 'console viewer', role: 'viewer' })).body.token;
      const response = await signIn(viewer);
      const { csrfToken, role } = await response.json();
      expect(role).to.equal('viewer');
      const refused = await fetch(`${api.base}/v1/integrations/${integrationId}/sync`, { method: 'POST', headers: { cookie: cookieOf(response), 'x-csrf-token': csrfToken } });
      expect(refused.status).to.equal(403);
      expect((await refused.json()).requiredRole).to.equal('operator');
    });

    it('given a session, when signed out, then the cookie is cleared; and a revoked token ends the session', async () => {
      const issued = (await api.call('POST', '/v1/tokens', { name: 'to revoke', role: 'operator' })).body;
      const response = await signIn(issued.token);
      const cookie = cookieOf(response);
      const { csrfToken } = await response.json();
      expect((await fetch(`${api.base}/console/session`, { method: 'DELETE', headers: { cookie } })).status, 'signing out is a change too').to.equal(403);
      const out = await fetch(`${api.base}/console/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
      expect(out.status).to.equal(204);
      expect(out.headers.get('set-cookie')).to.match(/synchub_session=;.*Max-Age=0/i);
      await api.call('DELETE', `/v1/tokens/${issued.id}`);
      expect((await fetch(`${api.base}/console/session`, { headers: { cookie } })).status).to.equal(401);
    });
  });

  it('given the built console, when /console and a screen under it are asked for, then the page comes with a CSP that allows nothing from elsewhere', async () => {
    for (const path of ['/console/', '/console/orders/123']) {
      const response = await fetch(`${api.base}${path}`);
      expect(response.status, path).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/text\/html/);
      expect(response.headers.get('content-security-policy')).to.contain("default-src 'none'").and.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
      const html = await response.text();
      expect(html).to.match(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js">/);
      expect(html).not.to.match(/https?:\/\//);
    }
    expect((await fetch(`${api.base}/console/assets/missing.js`)).status).to.equal(404);
  });

  describe('the sync-history export', () => {
    const window = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };

    it('given a sync run in the period, when exported as ndjson and csv, then it is one line with its counts and rejected orders, as the CLI writes it', async () => {
      const ndjson = await fetch(`${api.base}/v1/integrations/${integrationId}/sync-history?${new URLSearchParams(window)}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(ndjson.status).to.equal(200);
      expect(ndjson.headers.get('content-type')).to.match(/application\/x-ndjson/);
      const lines = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ runId, integrationId, status: 'succeeded' });
      expect(lines[0].imported + lines[0].rejected).to.equal(20);
      expect(lines[0].rejectedOrders.length).to.equal(lines[0].rejected);
      // Each line is exactly the documented SyncRunExport, which the console's types are generated from.
      const ajv = new Ajv2020({ strict: false });
      addFormats.default(ajv);
      const document = (await api.call('GET', '/openapi.json')).body;
      const isExportLine = ajv.compile({ ...document.components.schemas.SyncRunExport, components: document.components });
      expect(isExportLine(lines[0]), ajv.errorsText(isExportLine.errors)).to.equal(true);
      const csv = await fetch(`${api.base}/v1/integrations/${integrationId}/sync-history?${new URLSearchParams({ ...window, format: 'csv' })}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(csv.headers.get('content-type')).to.match(/text\/csv/);
      const rows = (await csv.text()).trim().split('\n');
      expect(rows[0]).to.equal('runId,integrationId,status,trigger,startedAt,finishedAt,windowFrom,windowTo,imported,updated,unchanged,rejected,skipped,error,rejectedOrders');
      expect(rows[1]).to.match(new RegExp(`^${runId},${integrationId},succeeded,`));
    });

    it('given a period before the run, or a reversed one, or an unknown integration, then nothing, 400 naming from, and 404', async () => {
      const before = { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' };
      const empty = await fetch(`${api.base}/v1/integrations/${integrationId}/sync-history?${new URLSearchParams(before)}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(await empty.text()).to.equal('');
      const reversed = await api.call('GET', `/v1/integrations/${integrationId}/sync-history?from=${window.to}&to=${window.from}`);
      expect(reversed.status).to.equal(400);
      expect(reversed.body.errors[0].field).to.equal('from');
      expect((await api.call('GET', `/v1/integrations/${integrationId}/sync-history?from=2024-01-01`)).body.errors.map((e: any) => e.field)).to.deep.equal(['to']);
      expect((await api.call('GET', `/v1/integrations/00000000-0000-4000-8000-000000000000/sync-history?${new URLSearchParams(window)}`)).status).to.equal(404);
    });
  });

  describe('every event of one request or run', () => {
    it('given a sync run, when its correlation id is read, then its events across the run, order and contact streams come in log order, page by page', async () => {
      const history = (await api.call('GET', `/v1/sync-runs/${runId}/history`)).body.items;
      const correlationId = history[0].metadata.correlationId;
      const seen: any[] = [];
      let after: number | null | undefined;
      do {
        const page = await api.call('GET', `/v1/events?correlationId=${correlationId}&limit=7${after ? `&after=${after}` : ''}`);
        expect(page.status).to.equal(200);
        expect(page.body.items.length).to.be.at.most(7);
        seen.push(...page.body.items);
        after = page.body.next;
      } while (after !== null);
      expect(seen.every((e) => e.metadata.correlationId === correlationId)).to.equal(true);
      const positions = seen.map((e) => e.position);
      expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
      const streams = new Set(seen.map((e) => e.streamName.split('-')[0]));
      expect([...streams]).to.include.members(['syncrun', 'order', 'contact']);
      expect(seen.filter((e) => e.streamName === `syncrun-${runId}`).map((e) => e.id)).to.deep.equal(history.map((e: any) => e.id));
    });

    it('given a request with its own X-Correlation-Id, when that id is read, then exactly the events of that request come back', async () => {
      const response = await fetch(`${api.base}/v1/integrations/${integrationId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-correlation-id': 'console-test-request-1' },
        body: JSON.stringify({ storeName: 'Poltava shop 2' }),
      });
      expect(response.status).to.equal(200);
      const { body } = await api.call('GET', '/v1/events?correlationId=console-test-request-1');
      expect(body.items.map((e: any) => [e.streamName, e.type])).to.deep.equal([[`integration-${integrationId}`, 'IntegrationSettingsChanged']]);
      expect(body.next).to.equal(null);
      expect((await api.call('GET', '/v1/events?correlationId=bad%20id')).body.errors[0].field).to.equal('correlationId');
    });
  });

  it('given orders of a store, when searched by part of the store name or a number, then only matching orders come back, with the total of the search', async () => {
    const all = await api.call('GET', '/v1/orders?store=integrations&limit=100');
    const found = await api.call('GET', '/v1/orders?q=POLTAVA&limit=100');
    expect(found.body.total).to.equal(all.body.total);
    const one = all.body.items[0];
    const byNumber = await api.call('GET', `/v1/orders?q=${encodeURIComponent(one.number)}&limit=100`);
    expect(byNumber.body.items.map((o: any) => o.number)).to.include(one.number);
    expect(byNumber.body.items.every((o: any) => o.number.includes(one.number) || String(o.externalId).includes(one.number))).to.equal(true);
    expect((await api.call('GET', '/v1/orders?q=no-such-order-anywhere')).body).to.include({ total: 0 });
  });

  it('given a local status change of an imported order, when orders are listed by pendingPush, then it alone waits to be pushed, with totals of the filter', async () => {
    const all = await api.call('GET', `/v1/orders?integrationId=${integrationId}&limit=100`);
    const order = all.body.items[0];
    expect((await api.call('POST', `/v1/orders/${order.id}/status`, { status: order.status === 'cancelled' ? 'new' : 'cancelled' })).status).to.equal(200);
    const waiting = await api.call('GET', `/v1/orders?integrationId=${integrationId}&pendingPush=true`);
    expect(waiting.body.items.map((o: any) => o.id)).to.deep.equal([order.id]);
    expect(waiting.body.total).to.equal(1);
    expect((await api.call('GET', `/v1/orders?integrationId=${integrationId}&pendingPush=false&limit=1`)).body.total).to.equal(all.body.total - 1);
    expect((await api.call('GET', '/v1/orders?pendingPush=yes')).body.errors[0].field).to.equal('pendingPush');
  });
});

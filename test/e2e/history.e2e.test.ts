import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-history-keycrm-key-5f2a';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('History and asOf over HTTP, end to end', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let orderId: string;
  let externalId: number;
  let adminTokenId: string;
  const runIds: string[] = [];
  /** What GET /v1/orders/:id answered at three moments of the order's life, and a time just after each. */
  const moments: { name: string; order: any; at: string }[] = [];
  const STATUS_CORRELATION = 'e2e-status-change-42';

  /** Raw HTTP, for headers the test helper does not send. */
  const request = (path: string, init: { method?: string; token?: string | null; headers?: Record<string, string>; body?: unknown } = {}) =>
    fetch(`${api.base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? ADMIN_TOKEN}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** The order now, and a time after which nothing has happened to it yet. */
  async function remember(name: string) {
    const { status, body } = await api.call('GET', `/v1/orders/${orderId}`);
    expect(status).to.equal(200);
    await pause(5);
    moments.push({ name, order: body, at: new Date().toISOString() });
    await pause(5);
  }

  async function syncNow() {
    const run = await api.sync(integrationId);
    runIds.push(run.id);
    return run;
  }

  async function history(path: string, token = ADMIN_TOKEN) {
    const first = await api.call('GET', `${path}?limit=100`, undefined, token);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.items.length).to.equal(first.body.total);
    return first.body.items as any[];
  }

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 2, products: 4, buyers: 2, startAt: new Date(Date.now() - 86_400_000), seed: 11 }).filter((o) => o.buyer);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    externalId = seeded[0].id;
    api = await startSynchubApi();
    adminTokenId = (await api.call('GET', '/v1/me')).body.tokenId;
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM history',
      platform: 'keycrm',
      storeName: 'Odesa shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;

    // 1. Imported.
    const imported = await syncNow();
    expect(imported.counts.imported).to.equal(seeded.length);
    const rows = (await api.call('GET', '/v1/orders?store=integrations&limit=100')).body.items;
    orderId = rows.find((o: any) => o.externalId === String(externalId)).id;
    await remember('after import');

    // 2. A local status change, in a request that names its correlation id.
    const changed = await request(`/v1/orders/${orderId}/status`, {
      method: 'POST',
      body: { status: 'packed' },
      headers: { 'X-Correlation-Id': STATUS_CORRELATION },
    });
    expect(changed.status, await changed.clone().text()).to.equal(200);
    expect(changed.headers.get('x-correlation-id')).to.equal(STATUS_CORRELATION);
    await remember('after a local status change');

    // 3. A quantity edited on the platform, synced.
    simulator.orders.setQuantity(externalId, 0, 9);
    const updated = await syncNow();
    expect(updated.counts.updated, JSON.stringify(updated)).to.equal(1);
    await remember('after a platform change synced');
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given three moments of an order, when asked asOf each, then it is what GET /v1/orders/:id answered then', async () => {
    expect(moments.map((m) => m.order.items[0].quantity)).to.satisfy((q: number[]) => q[2] === 9 && q[0] !== 9);
    expect(moments.map((m) => m.order.status)[1]).to.equal('packed');
    for (const moment of moments) {
      const { status, body } = await api.call('GET', `/v1/orders/${orderId}?asOf=${encodeURIComponent(moment.at)}`);
      expect(status, moment.name).to.equal(200);
      expect(body, moment.name).to.deep.equal(moment.order);
    }
    // The three views differ, so each comparison above could fail.
    expect(moments[0].order).to.not.deep.equal(moments[1].order);
    expect(moments[1].order).to.not.deep.equal(moments[2].order);
  });

  it('given a time before the import, then 404; given a malformed time, then 400 naming asOf', async () => {
    const before = await api.call('GET', `/v1/orders/${orderId}?asOf=2001-01-01T00:00:00Z`);
    expect(before.status).to.equal(404);
    expect(before.body.detail).to.contain('as of 2001-01-01');
    const malformed = await api.call('GET', `/v1/orders/${orderId}?asOf=yesterday`);
    expect(malformed.status).to.equal(400);
    expect(malformed.body.errors.map((e: any) => e.field)).to.include('asOf');
  });

  it('given the order history, then every event is there in order with actor, source and the correlation of its request or sync run', async () => {
    const events = await history(`/v1/orders/${orderId}/history`);
    const raw = await api.eventStore.readStream(`order-${orderId}`);
    expect(events.map((e) => e.version)).to.deep.equal(raw.map((e) => e.version));
    expect(events.map((e) => e.type)).to.deep.equal(raw.map((e) => e.type));
    expect(events.map((e) => e.type)).to.include.members(['OrderImported', 'StatusChanged', 'OrderItemsChanged']);
    for (const event of events) {
      expect(event.metadata, event.type).to.include.keys('actor', 'source', 'correlationId', 'causationId', 'schemaVersion');
      expect(event.metadata.actor).to.equal(`token:${adminTokenId}`);
      expect(Date.parse(event.recordedAt)).to.be.a('number').and.not.NaN;
    }
    const [imported] = events;
    expect(imported.type).to.equal('OrderImported');
    expect(imported.metadata).to.include({ source: 'platform', correlationId: runIds[0], schemaVersion: 2 });
    // Caused by the run's start event.
    const [runStart] = await api.eventStore.readStream(`syncrun-${runIds[0]}`);
    expect(imported.metadata.causationId).to.equal(runStart.id);

    const statusChange = events.find((e) => e.type === 'StatusChanged' && e.data.source === 'local');
    expect(statusChange.metadata).to.include({ source: 'local', correlationId: STATUS_CORRELATION });
    const fromSecondRun = events.filter((e) => e.metadata.correlationId === runIds[1]);
    expect(fromSecondRun.map((e) => e.type)).to.include.members(['OrderItemsChanged', 'OrderSyncedFromPlatform']);
    expect(fromSecondRun.every((e) => e.metadata.source === 'platform')).to.equal(true);
  });

  it('given one request, then all its events share one correlation id, also across streams, and a new one is answered when none is sent', async () => {
    const response = await request('/v1/orders', {
      method: 'POST',
      body: { number: 'H-1', status: 'new', currency: 'UAH', customer: { firstName: 'Olena', phone: '+380501112233' }, items: [{ name: 'Mug', quantity: 1, price: 10 }] },
    });
    expect(response.status, await response.clone().text()).to.equal(201);
    const correlationId = response.headers.get('x-correlation-id');
    expect(correlationId).to.match(/^[0-9a-f-]{36}$/);
    const created = await response.json();
    // The order, its new buyer and its new product: three streams written by one request.
    const events = [
      ...(await history(`/v1/orders/${created.id}/history`)),
      ...(await history(`/v1/contacts/${created.customer.contactId}/history`)),
      ...(await history(`/v1/products/${created.items[0].productId}/history`)),
    ];
    expect(events.map((e) => e.type)).to.include.members(['OrderCreated', 'ContactRegistered', 'ProductRegistered']);
    expect(events.map((e) => e.metadata.correlationId)).to.deep.equal(events.map(() => correlationId));
    expect(events[0].metadata).to.include({ source: 'local', actor: `token:${adminTokenId}` });

    // An id that is too long or carries odd characters is not passed on.
    const forged = await request('/v1/me', { headers: { 'X-Correlation-Id': 'x'.repeat(300) } });
    expect(forged.headers.get('x-correlation-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('given the sync run history, then the run is told from start to end under its own correlation id', async () => {
    const events = await history(`/v1/sync-runs/${runIds[1]}/history`);
    expect(events[0].type).to.equal('SyncRunStarted');
    expect(events.at(-1).type).to.equal('SyncRunFinished');
    expect(events.every((e) => e.metadata.correlationId === runIds[1])).to.equal(true);
    expect(events.slice(1).every((e) => e.metadata.causationId === events[0].id)).to.equal(true);
  });

  it('given the integration history, then its credentials show as [redacted], never the API key or the sealed blob', async () => {
    const raw = await api.eventStore.readStream(`integration-${integrationId}`);
    const sealed = (raw.find((e) => e.type === 'IntegrationCredentialsChanged')!.data as { sealed: string }).sealed;
    expect(sealed.length).to.be.greaterThan(20);
    const events = await history(`/v1/integrations/${integrationId}/history`);
    const text = JSON.stringify(events);
    expect(text).to.not.contain(API_KEY);
    expect(text).to.not.contain(sealed);
    const credentials = events.find((e) => e.type === 'IntegrationCredentialsChanged');
    expect(credentials.data).to.deep.equal({ credentials: '[redacted]', changedAt: credentials.data.changedAt });
    expect(events.map((e) => e.type)).to.include('ImportCursorAdvanced');
  });

  it('given a viewer token, then it reads every kind of history; without a token 401; an unknown id 404', async () => {
    const issued = await api.call('POST', '/v1/tokens', { name: 'auditor', role: 'viewer' });
    expect(issued.status).to.equal(201);
    const viewer = issued.body.token as string;
    const order = (await api.call('GET', `/v1/orders/${orderId}`)).body;
    const paths = [
      `/v1/orders/${orderId}/history`,
      `/v1/products/${order.items[0].productId}/history`,
      `/v1/contacts/${order.customer.contactId}/history`,
      `/v1/integrations/${integrationId}/history`,
      `/v1/sync-runs/${runIds[0]}/history`,
    ];
    for (const path of paths) {
      const events = await history(path, viewer);
      expect(events.length, path).to.be.greaterThan(0);
    }
    const anonymous = await request(paths[0], { token: null });
    expect(anonymous.status).to.equal(401);
    const unknown = await api.call('GET', `/v1/orders/${randomUUID()}/history`, undefined, viewer);
    expect(unknown.status).to.equal(404);
    expect((await api.call('GET', `/v1/sync-runs/${randomUUID()}/history`)).status).to.equal(404);
  });

  it('given a history longer than a page, then page and limit walk it in order', async () => {
    const all = await history(`/v1/orders/${orderId}/history`);
    const second = await api.call('GET', `/v1/orders/${orderId}/history?page=2&limit=1`);
    expect(second.body).to.include({ total: all.length, page: 2, limit: 1 });
    expect(second.body.items).to.deep.equal([all[1]]);
    expect((await api.call('GET', `/v1/orders/${orderId}/history?limit=1000`)).status).to.equal(400);
  });

  it('given an order imported in the v1 shape (no responsible user, no metadata), then history, read model and asOf show it upcast', async () => {
    const oldId = randomUUID();
    const [template] = await api.eventStore.readStream(`order-${orderId}`);
    const { responsibleUser: _, platformUpdatedAt: __, ...v1 } = template.data as Record<string, unknown>;
    const appended = await api.eventStore.appendToStream(`order-${oldId}`, [{ type: 'OrderImported', data: { ...v1, orderId: oldId, externalId: 'old-1' } }]);
    await api.syncsDone();

    const [event] = await history(`/v1/orders/${oldId}/history`);
    expect(event.position).to.equal(appended.lastPosition);
    expect(event.data.responsibleUser).to.equal(null);
    expect(event.metadata).to.deep.equal({ schemaVersion: 2, storedSchemaVersion: 1 });
    const live = await api.call('GET', `/v1/orders/${oldId}`);
    expect(live.status).to.equal(200);
    expect(live.body.responsibleUser).to.equal(null);
    const asOf = await api.call('GET', `/v1/orders/${oldId}?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(asOf.body).to.deep.equal(live.body);
  });
});

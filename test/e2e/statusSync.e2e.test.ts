import { expect } from 'chai';
import { pushPendingStatuses } from '../../src/application/automations/statusPush.js';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-keycrm-statuses';

/** A KeyCRM account whose orders all have status 1, a synchub connected to it, and its orders imported. */
async function importedKeycrmShop(options: { count: number; seed: number; storeName: string; settings: Record<string, unknown> }) {
  const seeded = seedKeycrmOrders({ count: options.count, products: 3, buyers: options.count, startAt: new Date(Date.now() - 86_400_000), seed: options.seed })
    .filter((o) => o.buyer)
    .map((o) => ({ ...o, status_id: 1 }));
  const simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
  const api = await startSynchubApi();
  const created = await api.call('POST', '/v1/integrations', {
    name: 'KeyCRM', platform: 'keycrm', storeName: options.storeName, baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    ...options.settings,
  });
  const integrationId: string = created.body.id;
  const run = await api.sync(integrationId);
  return { simulator, api, integrationId, seeded, run };
}

describe('Statuses both ways with KeyCRM, end to end over HTTP', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let externalId: number;
  let orderId: string;

  const sync = () => api.sync(integrationId);
  const order = async () => (await api.call('GET', `/v1/orders/${orderId}`)).body;
  const statusWrites = () => simulator.statusChanges.filter((c) => c.orderId === externalId);

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 3, products: 5, buyers: 3, startAt: new Date(Date.now() - 86_400_000), seed: 11 })
      .filter((o) => o.buyer)
      .map((o) => ({ ...o, status_id: 1 }));
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    externalId = seeded[0].id;
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM',
      platform: 'keycrm',
      storeName: 'Odesa shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
      statusMap: [
        { platform: '1', local: 'new' },
        { platform: '2', local: 'approved' },
        { platform: '3', local: 'invoiced' },
        { platform: '4', local: 'shipped' },
        { platform: '6', local: 'cancelled' },
      ],
    });
    integrationId = created.body.id;
    await sync();
    orderId = (await api.call('GET', '/v1/orders?store=integrations&limit=100')).body.items.find((o: any) => o.externalId === String(externalId)).id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a local status change, when statuses are pushed, then the platform receives the mapped status exactly once', async () => {
    const changed = await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'shipped' });
    expect(changed.body.pendingPush).to.include({ status: 'shipped', attempts: 0 });
    const report = await pushPendingStatuses(api.deps, integrationId);
    expect(report.pushed).to.equal(1);
    await pushPendingStatuses(api.deps, integrationId);
    expect(statusWrites().map((c) => c.to)).to.deep.equal([4]);
    await api.syncsDone();
    expect((await order()).pendingPush).to.equal(null);
  });

  it('given the pushed status, when the platform sends it back, then synchub recognises the echo and pushes nothing', async () => {
    const run = await sync();
    expect(run.counts.updated, JSON.stringify(run)).to.equal(0);
    await pushPendingStatuses(api.deps, integrationId);
    expect(statusWrites()).to.have.length(1);
    expect((await order()).status).to.equal('shipped');
  });

  it('given a status changed on the platform, when synced, then the local order follows and nothing is pushed back', async () => {
    simulator.orders.setStatus(externalId, 2);
    await sync();
    expect((await order()).status).to.equal('approved');
    await pushPendingStatuses(api.deps, integrationId);
    expect(statusWrites()).to.have.length(1);
  });

  it('given an invoiced order, when the platform moves it back to cancelled, then it stays invoiced and the refusal is in the feed', async () => {
    await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'invoiced' });
    await pushPendingStatuses(api.deps, integrationId);
    expect(statusWrites().map((c) => c.to)).to.deep.equal([4, 3]);
    simulator.orders.setStatus(externalId, 6);
    await sync();
    const current = await order();
    expect(current.status).to.equal('invoiced');
    expect(current.feed.map((f: any) => f.type)).to.include('StatusRegressionRefused');
  });

  it('given a push that can never succeed (no platform status mapped), then it ends at once with its reason on the order and no next attempt', async () => {
    await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'packed' });
    const report = await pushPendingStatuses(api.deps, integrationId);
    expect(report).to.include({ refused: 1, failed: 0 });
    await api.syncsDone();
    const ended = await order();
    expect(ended.pendingPush).to.equal(null);
    const last = ended.feed.at(-1);
    expect(last.type).to.equal('StatusPushAbandoned');
    expect(last.text).to.match(/no platform status is mapped to the local status packed \(not retried/);
    expect(JSON.stringify(ended)).to.not.match(/nextAttemptAt":"/);
    expect((await pushPendingStatuses(api.deps, integrationId)).refused).to.equal(0);
  });

  it('given the platform answering 503, then the push backs off with a next attempt, and stays until an operator gives it up', async () => {
    await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'approved' });
    simulator.failNext(5, { status: 503 });
    const report = await pushPendingStatuses(api.deps, integrationId);
    expect(report).to.include({ failed: 1, refused: 0 });
    await api.syncsDone();
    const failing = await order();
    expect(failing.pendingPush).to.include({ status: 'approved', attempts: 1 });
    expect(failing.pendingPush.lastError).to.match(/503/);
    expect(Date.parse(failing.pendingPush.nextAttemptAt)).to.be.greaterThan(Date.now());
    const retried = await pushPendingStatuses(api.deps, integrationId);
    expect(retried).to.include({ waiting: 1, failed: 0 });
    const abandoned = await api.call('POST', `/v1/orders/${orderId}/status-push/abandon`, { reason: 'set by hand on KeyCRM' });
    expect(abandoned.status).to.equal(200);
    expect(abandoned.body.pendingPush).to.equal(null);
    expect(abandoned.body.feed.map((f: any) => f.type)).to.include.members(['StatusPushFailed', 'StatusPushAbandoned']);
  });
});

describe('Status pushes of a freshly imported KeyCRM shop: the return status after capture, and a stop', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator | undefined;
  let api: SynchubApi | undefined;

  afterEach(async () => {
    await api?.close();
    await simulator?.close();
    api = undefined;
    simulator = undefined;
  });

  it('given a return status, when orders are captured and statuses pushed twice, then each order gets it once and its echo changes nothing', async () => {
    const shop = await importedKeycrmShop({
      count: 4,
      seed: 12,
      storeName: 'Poltava shop',
      settings: { returnStatus: '2', statusMap: [{ platform: '1', local: 'new' }, { platform: '2', local: 'received' }] },
    });
    ({ simulator, api } = shop);
    const { integrationId, seeded, run } = shop;
    expect(run.counts.imported).to.equal(seeded.length);
    const first = await pushPendingStatuses(api.deps, integrationId);
    expect(first.pushed).to.equal(seeded.length);
    await pushPendingStatuses(api.deps, integrationId);
    expect(simulator.statusChanges.map((c) => c.to)).to.deep.equal(seeded.map(() => 2));
    expect(new Set(simulator.statusChanges.map((c) => c.orderId)).size).to.equal(seeded.length);
    await api.sync(integrationId);
    await pushPendingStatuses(api.deps, integrationId);
    expect(simulator.statusChanges).to.have.length(seeded.length);
    const orders = (await api.call('GET', `/v1/orders?store=integrations&limit=100`)).body.items;
    expect(orders.map((o: any) => o.status)).to.deep.equal(seeded.map(() => 'received'));
    expect(orders.every((o: any) => o.pendingPush === null)).to.equal(true);
  });

  it('given three pending pushes, when the stop comes after the first, then only that one reaches the platform and the others stay pending', async () => {
    const shop = await importedKeycrmShop({
      count: 3,
      seed: 13,
      storeName: 'Sumy shop',
      settings: { statusMap: [{ platform: '1', local: 'new' }, { platform: '4', local: 'shipped' }] },
    });
    ({ simulator, api } = shop);
    const { integrationId } = shop;
    const orders = (await api.call('GET', '/v1/orders?store=integrations&limit=10')).body.items;
    for (const order of orders) await api.call('POST', `/v1/orders/${order.id}/status`, { status: 'shipped' });
    await api.syncsDone();

    const stop = new AbortController();
    const report = await pushPendingStatuses(api.deps, integrationId, async () => stop.abort(), stop.signal);
    expect(report).to.include({ pushed: 1, failed: 0, refused: 0 });
    expect(simulator.statusChanges).to.have.length(1);
    await api.syncsDone();
    const pending = (await api.call('GET', '/v1/orders?store=integrations&limit=10')).body.items.filter((o: any) => o.pendingPush);
    expect(pending).to.have.length(orders.length - 1);
  });
});

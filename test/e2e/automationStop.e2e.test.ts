import { expect } from 'chai';
import { loadState } from '../../src/application/commands/commandHandler.js';
import { syncRunDecider, syncRunStream } from '../../src/domain/syncRun/syncRunDecider.js';
import { keycrmClientFor } from '../../src/infrastructure/platforms/keycrm/index.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { eventually } from '../support/eventually.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-keycrm-stop';
const ORDERS = 3_000;
const PAGE = 50;

describe('Stopping an order import at 20 requests a minute, and the next run', function () {
  this.timeout(120_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  const automation = (suffix = '') => `/v1/integrations/${integrationId}/automations/import-orders${suffix}`;
  const latestRun = async () => (await api.call('GET', `${automation('/runs')}?limit=1`)).body.items[0];
  const latestSyncRun = async () => (await api.call('GET', `/v1/sync-runs?integrationId=${integrationId}&limit=1`)).body.items[0];
  const ended = (run: any) => {
    if (!run || run.status === 'running') throw new Error('the run has not ended');
    return run;
  };

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 3_300, products: 40, buyers: 900, startAt: new Date(Date.now() - 20 * 86_400_000), seed: 20 })
      .filter((order) => order.buyer)
      .slice(0, ORDERS);
    expect(seeded).to.have.length(ORDERS);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 20 });
    // synchub paces the account at 600 a minute, above the 20 it allows: the import soon waits for KeyCRM's Retry-After.
    const platforms = new PlatformAdapters({ keycrm: (connection) => keycrmClientFor(connection, { requestsPerMinute: 600 }) });
    api = await startSynchubApi({ automations: true, platforms });
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Slow shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    expect((await api.call('POST', automation('/enable'))).status).to.equal(200);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given an import waiting out KeyCRM’s Retry-After, when stopped, then it ends at once within one page as stopped with fewer orders and the cursor unmoved', async () => {
    expect((await api.call('POST', automation('/start'))).status).to.equal(202);
    await eventually(async () => {
      if (simulator.rateLimitedCount === 0) throw new Error('not rate limited yet');
    }, 30_000);
    // What the run had recorded when the stop was asked for, from its events (the read model may lag behind).
    const { id: syncRunId } = await eventually(async () => latestSyncRun(), 5_000);
    const before = await loadState(api.store, syncRunDecider, syncRunStream(syncRunId));
    if (before.status === 'none') throw new Error('the sync run has no events');
    const stopAsked = Date.now();
    const stop = await api.call('POST', automation('/stop'));
    expect(stop.status, JSON.stringify(stop.body)).to.equal(202);

    const run = await eventually(async () => ended(await latestRun()), 10_000, 100);
    expect(Date.now() - stopAsked, 'the wait for Retry-After ended at the stop').to.be.below(5_000);
    expect(run.status, JSON.stringify(run)).to.equal('stopped');
    const sync = await eventually(async () => ended(await latestSyncRun()), 5_000);
    expect(sync.status).to.equal('stopped');
    // The page being imported when the stop came is finished; no page after it is.
    expect(sync.counts.imported, 'at most one page after the stop').to.be.at.most(before.counts.imported + PAGE);
    expect(sync.counts.imported).to.be.above(0).and.below(ORDERS);
    expect(run.counts.imported).to.equal(sync.counts.imported);
    expect((await api.call('GET', `/v1/integrations/${integrationId}`)).body.importCursor).to.equal(null);
    const detail = (await api.call('GET', automation(`/runs/${run.id}`))).body;
    expect(detail.log.map((line: any) => line.message).join('\n')).to.match(/stopped at a page boundary/);
  });

  it('given the stopped import, when started again, then the next run imports the rest and every order exists once', async () => {
    const stopped = await latestSyncRun();
    const stoppedRun = await latestRun();
    // The account's plan no longer limits it, so the next run's 60 pages take seconds, not three minutes.
    simulator.setRequestsPerMinute(0);
    expect((await api.call('POST', automation('/start'))).status).to.equal(202);
    const run = await eventually(async () => {
      const latest = await latestRun();
      if (latest.id === stoppedRun.id) throw new Error('the next run has not begun');
      return ended(latest);
    }, 100_000, 500);
    expect(run.status, JSON.stringify(run)).to.equal('succeeded');
    expect(run.counts.imported).to.equal(ORDERS - stopped.counts.imported);
    expect(run.counts.unchanged).to.equal(stopped.counts.imported);
    await api.syncsDone();
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders).to.have.length(ORDERS);
    expect(new Set(orders.map((order) => order.externalId)).size).to.equal(ORDERS);
  });
});

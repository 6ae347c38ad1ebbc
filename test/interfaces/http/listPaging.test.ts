import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../../simulators/keycrm/index.js';
import { nextPageOf } from '../../support/apiCall.js';
import { startSynchubApi, type SynchubApi } from '../../support/synchubApi.js';

const API_KEY = 'list-paging-keycrm-key';

/** Every list route over PostgreSQL, walked by cursor as a client follows Link headers. */
describe('every list route pages by cursor', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  let simulator: KeycrmSimulator;
  let integrationId: string;
  let runId: string;
  let orderId: string;

  before(async () => {
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seedKeycrmOrders({ count: 12, startAt: new Date(Date.now() - 86_400_000), seed: 21 }), requestsPerMinute: 0 });
    api = await startSynchubApi({ automations: true });
    for (const storeName of ['Lviv shop', 'Odesa shop', 'Poltava shop']) {
      const connected = await api.call('POST', '/v1/integrations', { name: 'KeyCRM', platform: 'keycrm', storeName, baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH' });
      expect(connected.status, JSON.stringify(connected.body)).to.equal(201);
      integrationId = connected.body.id;
    }
    runId = (await api.sync(integrationId)).id;
    for (let i = 0; i < 2; i++) await api.sync(integrationId);
    for (const name of ['desk', 'report', 'audit']) expect((await api.call('POST', '/v1/tokens', { name, role: 'viewer' })).status).to.equal(201);
    orderId = (await api.call('GET', '/v1/orders?limit=1')).body.items[0].id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  /** The ids of a list walked 2 at a time by Link, and of its first page of 100 by number. */
  async function byCursorAndByPage(path: string, key = 'id') {
    const items: any[] = [];
    let pages = 0;
    for (let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}limit=2`; next !== undefined; pages++) {
      const { status, body, headers }: { status: number; body: any; headers: Headers } = await api.call('GET', next);
      expect(status, `${next}: ${JSON.stringify(body)}`).to.equal(200);
      items.push(...body.items);
      next = nextPageOf(headers.get('link'));
      expect(next === undefined).to.equal(body.nextCursor === null);
      if (next) expect(new URL(next, api.base).pathname).to.equal(new URL(path, api.base).pathname);
    }
    const whole = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100`);
    return { walked: items.map((item) => item[key]), whole: whole.body.items.map((item: any) => item[key]), pages };
  }

  for (const path of ['/v1/integrations', '/v1/sync-runs', '/v1/tokens', '/v1/orders?store=integrations', '/v1/products', '/v1/contacts?q=a']) {
    it(`given more than one page of ${path}, when walked by cursor, then it gives the items of the whole list, each once, in its order`, async () => {
      const { walked, whole, pages } = await byCursorAndByPage(path);
      expect(pages, 'pages walked').to.be.greaterThan(1);
      expect(walked).to.deep.equal(whole);
      expect(new Set(walked).size).to.equal(walked.length);
    });
  }

  it('given the runs of one integration, when walked by cursor, then the filter holds on every page', async () => {
    const { walked, whole } = await byCursorAndByPage(`/v1/sync-runs?integrationId=${integrationId}`);
    expect(walked).to.have.length(3);
    expect(walked).to.deep.equal(whole);
  });

  it('given the history of an order and of a run, and the events of one correlation, when walked by cursor, then each event comes once in log order', async () => {
    for (const path of [`/v1/orders/${orderId}/history`, `/v1/sync-runs/${runId}/history`]) {
      const { walked, whole } = await byCursorAndByPage(path, 'position');
      expect(walked, path).to.deep.equal(whole);
      expect(walked).to.deep.equal([...walked].sort((a, b) => a - b));
    }
    const correlationId = (await api.call('GET', `/v1/sync-runs/${runId}/history`)).body.items[0].metadata.correlationId;
    const events = await byCursorAndByPage(`/v1/events?correlationId=${correlationId}`, 'position');
    expect(events.pages).to.be.greaterThan(1);
    expect(events.walked).to.deep.equal(events.whole);
  });

  it('given an empty list, then its one page has a null nextCursor and no Link', async () => {
    const runs = await api.call('GET', `/v1/integrations/${integrationId}/automations/sync-statuses/runs`);
    expect(runs.status, JSON.stringify(runs.body)).to.equal(200);
    expect(runs.body).to.include({ total: 0, page: 1, nextCursor: null });
    expect(runs.headers.get('link')).to.equal(null);
  });
});

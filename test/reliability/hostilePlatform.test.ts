import { expect } from 'chai';
import { platformOrderId } from '../../src/application/import/orderImport.js';
import type { PlatformConnection } from '../../src/application/ports/platformClient.js';
import { KeycrmClient } from '../../src/infrastructure/platforms/keycrm/keycrmClient.js';
import { keycrmEndpoints } from '../../src/infrastructure/platforms/keycrm/keycrmEndpoints.js';
import { KeycrmHostileMode, seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { hostileKeycrmOrders } from '../fixtures/hostileKeycrmOrders.js';
import { expectSameOrder, importedStateThroughPorts } from '../support/importedState.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';
import { allowLocalPlatforms } from '../support/localPlatforms.js';

const API_KEY = 'hostile-keycrm-key-9a8b7c6d5e';
/** The stalls last 30 s as the issue asks; the client gives up after 2 s so the test stays short. */
const CLIENT_TIMEOUT_MS = 2_000;
const MAX_RUNS = 8;
/** The test process may grow this much while it imports through every fault (10 MB pages included). */
const RSS_GROWTH_BOUND = 150 * 1024 * 1024;

describe('reliability: a hostile platform', function () {
  before(allowLocalPlatforms);
  this.timeout(120_000);

  const seeded = seedKeycrmOrders({ count: 400, products: 40, buyers: 150, startAt: new Date(Date.now() - 10 * 86_400_000), seed: 808 });
  const hostile = hostileKeycrmOrders(seeded);
  const mode = new KeycrmHostileMode({
    seed: 2024,
    serverErrors: 0.2,
    rateLimitBursts: 0.05,
    stalls: 0.04,
    truncated: 0.05,
    notJson: 0.05,
    hugePages: 0.05,
    stallMs: 30_000,
    everyKindFirst: true,
  });
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  const crashes: unknown[] = [];
  const recordCrash = (error: unknown) => void crashes.push(error);

  before(async () => {
    process.on('unhandledRejection', recordCrash);
    process.on('uncaughtException', recordCrash);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: hostile.orders, requestsPerMinute: 0, hostile: mode });
    // The adapter as production builds it, with a short timeout and quick backoff so the faults cost seconds, not minutes.
    const keycrm = (connection: PlatformConnection) =>
      new KeycrmClient({
        ...keycrmEndpoints(connection.baseUrl),
        baseUrl: keycrmEndpoints(connection.baseUrl).apiBaseUrl,
        apiKey: connection.credentials.apiKey!,
        timeoutMs: CLIENT_TIMEOUT_MS,
        backoffBaseMs: 50,
        backoffCapMs: 1_000,
        requestsPerMinute: 1_000_000,
      });
    api = await startSynchubApi({ platforms: new PlatformAdapters({ keycrm }) });
  });

  after(async () => {
    process.off('unhandledRejection', recordCrash);
    process.off('uncaughtException', recordCrash);
    mode.release();
    await api?.close();
    await simulator?.close();
  });

  it('given a KeyCRM that fails 20 % of requests, bursts 429s, stalls 30 s, truncates, sends HTML and 10 MB pages and holds bad orders, when synced until a run succeeds, then every well-formed order is imported once, every bad one rejected with a reason, nothing crashes and memory stays bounded', async () => {
    const connected = await api.call('POST', '/v1/integrations', {
      name: 'Hostile KeyCRM', platform: 'keycrm', storeName: 'Hostile shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    expect(connected.status, JSON.stringify(connected.body)).to.equal(201);
    const integrationId = connected.body.id as string;

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const runs: any[] = [];
    try {
      while (runs.length < MAX_RUNS && runs.at(-1)?.status !== 'succeeded') runs.push(await api.sync(integrationId));
    } finally {
      clearInterval(sampler);
    }

    expect(crashes, 'unhandled errors').to.deep.equal([]);
    expect(runs.at(-1).status, JSON.stringify(runs.map((r) => [r.status, r.error]))).to.equal('succeeded');
    for (const failed of runs.filter((run) => run.status === 'failed')) {
      expect(failed.error, 'a failed run says why').to.match(/KeyCRM .* failed after \d+ attempt|answer|HTTP|rate limited|no answer/);
    }
    for (const [kind, count] of Object.entries(mode.counts)) expect(count, `${kind} faults served`).to.be.greaterThan(0);

    // Every well-formed order once, with all its fields.
    const state = await importedStateThroughPorts(api.eventStore, api.readModels);
    expect(state.importsPerOrder, 'imported orders').to.have.length(hostile.wellFormed.size);
    expect(state.importsPerOrder.every((n) => n === 1), 'an order imported twice').to.equal(true);
    for (const order of hostile.wellFormed.values()) expectSameOrder(state.orders.get(String(order.id)), order);

    // Every bad order rejected, in the report of the run that read it, with a reason naming the field.
    const rejected = new Map<string, string>();
    for (const run of runs) for (const entry of run.rejected) rejected.set(entry.externalId, entry.reason);
    for (const bad of hostile.malformed) {
      expect(rejected.get(String(bad.id)), `order ${bad.id} (${bad.field})`).to.be.a('string').and.include(bad.field);
      expect(state.orders.has(String(bad.id)), `bad order ${bad.id} imported`).to.equal(false);
    }
    expect(runs.at(-1).counts.rejected).to.equal(hostile.malformed.length);

    // Injection strings are data: stored and served back verbatim.
    for (const [id, text] of hostile.injected) {
      const { status, body } = await api.call('GET', `/v1/orders/${platformOrderId(integrationId, String(id))}`);
      expect(status).to.equal(200);
      expect(body.comment, `order ${id} comment`).to.equal(text);
      expect(body.items[0].name, `order ${id} item`).to.equal(text);
      expect(body.customer.lastName, `order ${id} buyer`).to.equal(text.replace(/\s+/g, '_'));
    }

    const growth = rssPeak - rssBefore;
    console.log(
      `      ${runs.length} run(s): ${runs.map((r) => r.status).join(', ')}; faults served ${JSON.stringify(mode.counts)}; ` +
        `${simulator.requestCount} requests; RSS ${Math.round(rssBefore / 2 ** 20)} MB, peak +${Math.round(growth / 2 ** 20)} MB`,
    );
    expect(growth, 'RSS growth').to.be.lessThan(RSS_GROWTH_BOUND);
    const apiKeyInLogs = api.logLines.filter((line) => line.includes(API_KEY));
    expect(apiKeyInLogs, 'the API key in the logs').to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { runAutomation } from '../../../src/application/automations/automationRun.js';
import type { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { PROJECTIONS } from '../../../src/application/projections/projections.js';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../../simulators/keycrm/index.js';
import { eventually } from '../../support/eventually.js';
import { startSynchubApi, type SynchubApi } from '../../support/synchubApi.js';

const API_KEY = 'metrics-keycrm-key';
const DAY = 24 * 60 * 60 * 1000;

/** Samples of the Prometheus text format: `name{labels} value` lines, labels as an object. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{\s]+(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
      return { labels, value: Number(match[2]) };
    });
}
const valueOf = (text: string, name: string, labels: Record<string, string>) =>
  samples(text, name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('GET /metrics', function () {
  this.timeout(60_000);
  let api: SynchubApi;
  let runners: readonly ProjectionRunner[];
  let simulator: KeycrmSimulator;
  let base: string;
  let integrationId: string;
  let run: any;
  let deps: any;

  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body);
  const scrape = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 60, products: 10, buyers: 20, startAt: new Date(Date.now() - 2 * DAY), seed: 7 });
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    // Two malformed orders: rejected with a reason, the run goes on.
    simulator.orders.addRawOrder({ ...structuredClone(seeded[0]), id: 90_003, products: [{ ...seeded[0].products[0], quantity: -2 }] });
    simulator.orders.addRawOrder({ ...structuredClone(seeded[0]), id: 90_004, grand_total: 'a lot' });

    // The service as composed for the process: its metrics registry, fed by the log and platform HTTP.
    api = await startSynchubApi();
    ({ base, deps, projections: runners } = api);

    const created = await call('POST', '/v1/integrations', {
      name: 'KeyCRM Kyiv',
      platform: 'keycrm',
      storeName: 'Kyiv shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
      statusMap: [{ platform: '1', local: 'new' }],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    // One 429 on the way: retried after a pause, and counted.
    simulator.failNext(1, { status: 429 });
    const started = await call('POST', `/v1/integrations/${integrationId}/sync`, { from: new Date(Date.now() - 30 * DAY).toISOString() });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    await api.syncsDone();
    run = (await call('GET', `/v1/sync-runs/${started.body.runId}`)).body;
    expect(run.status, JSON.stringify(run)).to.equal('succeeded');
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a sync run, then orders imported and rejected are counted for its integration', async () => {
    expect(run.counts.imported).to.be.greaterThan(0);
    expect(run.counts.rejected).to.be.at.least(2);
    await eventually(async () => {
      const text = await scrape();
      expect(valueOf(text, 'synchub_orders_imported_total', { integration: integrationId })).to.equal(run.counts.imported);
      expect(valueOf(text, 'synchub_orders_rejected_total', { integration: integrationId })).to.equal(run.counts.rejected);
    });
  });

  it('given a sync run, then its duration is one sample of the histogram', async () => {
    await eventually(async () => {
      const text = await scrape();
      expect(valueOf(text, 'synchub_sync_run_duration_seconds_count', { integration: integrationId, outcome: 'succeeded' })).to.equal(1);
      expect(valueOf(text, 'synchub_sync_run_duration_seconds_sum', { integration: integrationId, outcome: 'succeeded' })).to.be.at.least(0);
    });
  });

  it('given requests to KeyCRM, then they are counted by status, and the 429 as rate limited', async () => {
    const text = await scrape();
    expect(valueOf(text, 'synchub_platform_requests_total', { platform: 'keycrm', status: '200' })).to.be.greaterThan(0);
    expect(valueOf(text, 'synchub_platform_requests_total', { platform: 'keycrm', status: '429' })).to.be.at.least(1);
    expect(valueOf(text, 'synchub_platform_rate_limited_total', { platform: 'keycrm' })).to.be.at.least(1);
  });

  it('given API requests, then their latency is recorded by route template, not by raw path', async () => {
    await call('GET', `/v1/integrations/${integrationId}`);
    await call('GET', '/v1/no-such-route');
    const text = await scrape();
    expect(valueOf(text, 'synchub_http_request_duration_seconds_count', { method: 'POST', route: '/v1/integrations/:id/sync', status: '202' })).to.equal(1);
    expect(valueOf(text, 'synchub_http_request_duration_seconds_count', { method: 'GET', route: '/v1/integrations/:id', status: '200' })).to.be.at.least(1);
    expect(valueOf(text, 'synchub_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).to.be.at.least(1);
    expect(text).not.to.contain(`route="/v1/integrations/${integrationId}`);
  });

  it('given the projections, then each reports how many events it is behind as a number ≥ 0', async () => {
    const text = await scrape();
    const lag = samples(text, 'synchub_projection_lag_events');
    expect(lag.map((s) => s.labels.projection).sort()).to.deep.equal(PROJECTIONS.map((p) => p.name).sort());
    for (const { value } of lag) expect(value).to.be.a('number').and.at.least(0);
  });

  it('given projections stopped while events arrive, then their lag counts those events', async () => {
    const syncRuns = runners.find((r) => r.projection.name === 'sync_runs')!;
    await syncRuns.stop();
    try {
      for (let i = 0; i < 3; i++) await deps.store.appendToStream(`metrics-probe-${i}`, [{ type: 'MetricsProbe', data: {} }]);
      const text = await scrape();
      expect(valueOf(text, 'synchub_projection_lag_events', { projection: 'sync_runs' })).to.be.at.least(3);
    } finally {
      await syncRuns.start();
    }
  });

  it('given an automation run that fails, then a job failure is counted for it', async () => {
    const failing = { name: 'metrics-probe', title: 'Metrics probe', defaultIntervalMs: null, platforms: ['keycrm' as const], run: async () => { throw new Error('probe failure'); } };
    await runAutomation(deps, failing, integrationId, { touch: async () => undefined, signal: new AbortController().signal });
    await eventually(async () => {
      expect(valueOf(await scrape(), 'synchub_job_failures_total', { automation: 'metrics-probe' })).to.equal(1);
    });
  });
});

import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import type { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { eventually } from '../support/eventually.js';
import { expectSameOrder, importedState } from '../support/importedState.js';
import { ownPostgres } from '../support/postgresServer.js';
import { freshDatabase, startSynchubProcess, type SynchubProcess } from '../support/synchubProcess.js';

const API_KEY = 'dbloss-keycrm-key-1a2b3c4d';
/** The outage the issue asks for; the server is this test's own, so no other test loses its database meanwhile. */
const OUTAGE_MS = 10_000;

describe('reliability: PostgreSQL lost for 10 s in the middle of a sync run', function () {
  this.timeout(150_000);

  const server = ownPostgres();
  const database = freshDatabase('synchub_dbloss', server.url);
  const startAt = new Date(Date.now() - 10 * 86_400_000);
  const seeded = seedKeycrmOrders({ count: 1_500, products: 60, buyers: 400, startAt, seed: 707 });
  const withBuyer = seeded.filter((order) => order.buyer);
  let simulator: KeycrmSimulator;
  let synchub: SynchubProcess | undefined;
  let db: PgSqlClient;

  before(async () => {
    await server.create();
    await database.create();
    db = database.connect();
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
  });

  after(async () => {
    await server.start();
    await synchub?.stop();
    await simulator?.close();
    await db?.close();
    await database.drop();
    server.destroy();
  });

  const importedSoFar = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM synchub.events WHERE type = 'OrderImported'`)).rows[0].n);

  it('given PostgreSQL stopped for 10 s during an import, then the process survives, the run fails or resumes cleanly, nothing half-written is visible and the next run imports every order once', async () => {
    synchub = await startSynchubProcess(database.url);
    const connected = await synchub.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Outage shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    expect(connected.status, JSON.stringify(connected.body)).to.equal(201);
    const integrationId = connected.body.id as string;
    const interrupted = await synchub.call('POST', `/v1/integrations/${integrationId}/sync`);
    expect(interrupted.status).to.equal(202);
    await eventually(async () => {
      if ((await importedSoFar()) < 150) throw new Error('the run has not got far yet');
    }, 60_000, 20);

    const during: Record<string, number> = {};
    // A refused connection (the process died) is recorded as 0 and explained by the exit check below.
    const statusOf = async (method: string, path: string) => (await synchub!.call(method, path).catch(() => ({ status: 0 }))).status;
    const stoppedAt = Date.now();
    server.stop();
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      during.health = await statusOf('GET', '/health');
      during.ready = await statusOf('GET', '/ready');
      during.orders = await statusOf('GET', '/v1/orders?limit=1');
      during.sync = await statusOf('POST', `/v1/integrations/${integrationId}/sync`);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    } finally {
      await server.start();
    }
    const outageMs = Date.now() - stoppedAt;
    expect(synchub.process.child.exitCode, `synchub exited during the outage:\n${synchub.process.output().slice(-3000)}`).to.equal(null);
    expect(during.health, 'GET /health during the outage').to.equal(200);
    expect(during.ready, 'GET /ready during the outage').to.equal(503);
    expect(during.orders, 'GET /v1/orders during the outage').to.be.within(500, 599);
    expect(during.sync, 'POST …/sync during the outage').to.be.within(500, 599);

    await eventually(async () => {
      const { status } = await synchub!.call('GET', '/ready');
      if (status !== 200) throw new Error(`ready answers ${status}`);
    }, 30_000, 200);
    // Every read model catches up with the event log again (a projection that stopped on the outage never would).
    await eventually(async () => {
      const { rows } = await db.query<{ projection: string; behind: string }>(
        `SELECT projection, (SELECT max(position) FROM synchub.events) - position AS behind FROM synchub.projection_checkpoints`,
      );
      const stuck = rows.filter((row) => Number(row.behind) > 0);
      if (stuck.length > 0) throw new Error(`read models stopped after the outage and do not resume: ${JSON.stringify(stuck)}`);
    }, 20_000, 200);
    // The interrupted run ends: failed with the reason, or succeeded with every order (it resumed).
    const report = await eventually(async () => {
      const { body } = await synchub!.call('GET', `/v1/sync-runs/${interrupted.body.runId}`);
      if (body.status === 'running') {
        const events = await db.query<{ type: string }>(`SELECT type FROM synchub.events WHERE stream_name = $1 ORDER BY version`, [`syncrun-${interrupted.body.runId}`]);
        const lag = await db.query(`SELECT c.projection, c.position, (SELECT max(position) FROM synchub.events) AS last FROM synchub.projection_checkpoints c`);
        const said = synchub!.process.output().split('\n').filter((line) => !line.includes('"msg":"request"')).slice(-15).join('\n');
        throw new Error(`the interrupted run is still running; its events: ${events.rows.map((e) => e.type).slice(-3)}; checkpoints ${JSON.stringify(lag.rows)}; synchub said:\n${said}`);
      }
      return body;
    }, 60_000, 200);
    if (report.status === 'failed') expect(report.error, 'a failed run says why').to.be.a('string').and.not.equal('');
    else expect(report.counts.imported + report.counts.unchanged).to.equal(withBuyer.length);

    // Nothing half-written: every order the read model shows has its items and its buyer's contact.
    const halfWritten = await db.query<{ id: string }>(
      `SELECT o.id FROM synchub.read_models o WHERE o.collection = 'orders' AND (jsonb_array_length(o.doc->'items') = 0
         OR NOT EXISTS (SELECT 1 FROM synchub.read_models c WHERE c.collection = 'contacts' AND c.id = o.doc->'customer'->>'contactId'))`,
    );
    expect(halfWritten.rows, 'orders without items or contact').to.deep.equal([]);

    const next = await synchub.call('POST', `/v1/integrations/${integrationId}/sync`);
    expect(next.status).to.equal(202);
    const nextReport = await eventually(async () => {
      const { body } = await synchub!.call('GET', `/v1/sync-runs/${next.body.runId}`);
      if (body.status === 'running') throw new Error('still running');
      return body;
    }, 90_000, 200);
    expect(nextReport.status, JSON.stringify(nextReport.error)).to.equal('succeeded');
    await eventually(async () => {
      const { body } = await synchub!.call('GET', '/v1/orders?store=integrations&limit=1');
      if (body.total !== withBuyer.length) throw new Error(`${body.total} of ${withBuyer.length} orders`);
    }, 30_000, 100);
    const state = await importedState(db);
    expect(state.importsPerOrder).to.have.length(withBuyer.length);
    expect(state.importsPerOrder.every((n) => n === 1), 'an order imported twice').to.equal(true);
    expect(state.ordersPerExternalId.every((n) => n === 1), 'an order document twice').to.equal(true);
    for (const order of withBuyer) expectSameOrder(state.orders.get(String(order.id)), order);
    expect(state.contactsPerPhone.every((n) => n === 1), 'a contact twice').to.equal(true);
    expect(state.productsPerSku.every((n) => n === 1), 'a product twice').to.equal(true);
    console.log(`      outage ${outageMs} ms; during it: ${JSON.stringify(during)}; interrupted run ${report.status}: ${report.error ?? ''}`);
  });
});

import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import type { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { eventually } from '../support/eventually.js';
import { expectSameOrder, importedState } from '../support/importedState.js';
import { freshDatabase, startSynchubProcess, type SynchubProcess } from '../support/synchubProcess.js';

const API_KEY = 'crash-keycrm-key-5f1e2d3c4b';
const KILLS = 20;
const ORDERS = 2_000;

describe('reliability: synchub killed with SIGKILL during an import', function () {
  this.timeout(240_000);

  const database = freshDatabase('synchub_crash');
  const startAt = new Date(Date.now() - 14 * 86_400_000);
  const seeded = seedKeycrmOrders({ count: ORDERS, products: 150, buyers: 600, startAt, seed: 606 });
  const withBuyer = seeded.filter((order) => order.buyer);
  let simulator: KeycrmSimulator;
  let synchub: SynchubProcess | undefined;
  let db: PgSqlClient;

  before(async () => {
    await database.create();
    db = database.connect();
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
  });

  after(async () => {
    await synchub?.kill();
    await simulator?.close();
    await db?.close();
    await database.drop();
  });

  const importedSoFar = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM synchub.events WHERE type = 'OrderImported'`)).rows[0].n);

  it(`given an import of ${ORDERS} orders killed ${KILLS} times at random moments, when restarted and run to its end, then every order, contact and product exists exactly once with all its fields`, async () => {
    synchub = await startSynchubProcess(database.url);
    const connected = await synchub.call('POST', '/v1/integrations', {
      name: 'KeyCRM', platform: 'keycrm', storeName: 'Crash shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH',
    });
    expect(connected.status, JSON.stringify(connected.body)).to.equal(201);
    const integrationId = connected.body.id as string;
    // Every run re-reads the whole window, so each kill lands in the middle of writing or re-checking orders.
    const window = { from: new Date(startAt.getTime() - 86_400_000).toISOString() };

    // Each process runs the sync from the window's start (the cursor moves only when a run ends) and is killed at
    // a random moment between 50 ms and the length of what is left of the import, learned from the best
    // throughput seen so far: kills land early, in the middle and near the end of the import.
    let ordersPerMs = 0.15;
    const kills: { afterMs: number; imported: number }[] = [];
    let imported = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      synchub ??= await startSynchubProcess(database.url);
      const before = imported;
      const started = await synchub.call('POST', `/v1/integrations/${integrationId}/sync`, window);
      expect(started.status, JSON.stringify(started.body)).to.equal(202);
      const leftMs = Math.max(50, (withBuyer.length - before) / ordersPerMs);
      const afterMs = 50 + Math.floor(Math.random() * (leftMs - 50));
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      await synchub.kill();
      synchub = undefined;
      imported = await importedSoFar();
      kills.push({ afterMs, imported });
      if (afterMs > 500) ordersPerMs = Math.max(ordersPerMs, (imported - before) / afterMs);
    }
    const partial = await importedSoFar();

    synchub = await startSynchubProcess(database.url);
    const finalRun = await synchub.call('POST', `/v1/integrations/${integrationId}/sync`, window);
    const report = await eventually(async () => {
      const { body } = await synchub!.call('GET', `/v1/sync-runs/${finalRun.body.runId}`);
      if (body.status === 'running') throw new Error(`still running: ${JSON.stringify(body.counts)}`);
      return body;
    }, 90_000, 200);
    expect(report.status, JSON.stringify(report)).to.equal('succeeded');
    await eventually(async () => {
      const { body } = await synchub!.call('GET', '/v1/orders?store=integrations&limit=1');
      if (body.total !== withBuyer.length) throw new Error(`${body.total} of ${withBuyer.length} orders in the read model`);
    }, 30_000, 100);

    const state = await importedState(db);
    expect(state.importsPerOrder, 'OrderImported events per order').to.have.length(withBuyer.length);
    expect(state.importsPerOrder.every((n) => n === 1), 'an order imported twice').to.equal(true);
    expect(state.ordersPerExternalId.every((n) => n === 1), 'an order document twice').to.equal(true);
    for (const order of withBuyer) expectSameOrder(state.orders.get(String(order.id)), order);
    // Orders without a buyer are rejected with a reason in the report, never imported half.
    expect(report.counts.rejected).to.equal(ORDERS - withBuyer.length);
    const phones = new Set(withBuyer.map((order) => order.buyer!.phone));
    expect(state.contactsPerPhone, 'contacts').to.have.length(phones.size);
    expect(state.contactsPerPhone.every((n) => n === 1), 'a contact twice').to.equal(true);
    // Products are matched by article, then by name (the first found wins): one product per distinct name here.
    const names = new Set(seeded.flatMap((order) => order.products.map((line) => line.name)));
    expect(state.productsPerSku, 'products (and the delivery service)').to.have.length(names.size + 1);
    expect(state.productsPerSku.every((n) => n === 1), 'a product twice').to.equal(true);

    console.log(
      `      ${KILLS} kills after ${kills.map((k) => k.afterMs).join(', ')} ms of syncing (learned speed ${Math.round(ordersPerMs * 1000)} orders/s); ` +
        `orders imported at each kill: ${kills.map((k) => k.imported).join(', ')}; ${partial} of ${withBuyer.length} before the final run`,
    );
  });
});

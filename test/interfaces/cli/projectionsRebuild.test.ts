import { expect } from 'chai';
import type { EventStore } from '../../../src/application/ports/eventStore.js';
import { logSpan } from '../../../src/application/admin/logSpan.js';
import { connectTestPostgres, testDatabaseUrl } from '../../support/databases.js';
import { startSynchubApi, type SynchubApi } from '../../support/synchubApi.js';
import { appendOrders } from '../../application/admin/orderEventLog.js';
import { jsonLines, postgresEnv, runCli, startCli } from './cliProcess.js';

/** The size the issue names (about 40 s here); SYNCHUB_REBUILD_EVENTS sets another. */
const EVENTS = Number(process.env.SYNCHUB_REBUILD_EVENTS ?? 100_000);
const EVENTS_PER_ORDER = 10;

/** startSynchubApi keeps its schema to itself; the CLI must be pointed at the same one. */
function schemaOf(api: SynchubApi): string {
  return (api.eventStore as unknown as { options: { schema: string } }).options.schema;
}

async function liveOrdersAt(api: SynchubApi, position: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (((await api.readModels.checkpoint('orders')) ?? 0) < position) {
    if (Date.now() > deadline) throw new Error(`orders read model did not reach ${position}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function head(store: EventStore): Promise<number> {
  return (await logSpan(store)).head;
}

describe('synchub projections rebuild / check, while the API is serving', function () {
  this.timeout(180_000);

  it(`rebuilds the orders read model from ${EVENTS} events with a progress bar; the API answers throughout; check finds it identical`, async () => {
    const api = await startSynchubApi();
    const env = postgresEnv(schemaOf(api), testDatabaseUrl);
    try {
      // Given a log of EVENTS events, EVENTS_PER_ORDER per order, already in the live read model.
      const orders = EVENTS / EVENTS_PER_ORDER;
      let started = Date.now();
      await appendOrders(api.eventStore, { orders, statusChanges: EVENTS_PER_ORDER - 1, parallel: 8 });
      await liveOrdersAt(api, await head(api.eventStore));
      console.log(`      ${EVENTS} events appended and projected live in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // When the CLI rebuilds the orders read model while the API is being read and an order changes.
      started = Date.now();
      const rebuild = startCli(['projections', 'rebuild', 'orders', '--batch-size', '2000'], env);
      let finished = false;
      void rebuild.exited.then(() => (finished = true));
      let reads = 0;
      let changedDuringRebuild = false;
      while (!finished) {
        const list = await api.call('GET', '/v1/orders?limit=5');
        expect(list.status, JSON.stringify(list.body)).to.equal(200);
        expect(list.body.total).to.equal(orders);
        reads++;
        if (!changedDuringRebuild && /\d+%/.test(rebuild.stderr())) {
          // Version 9 is the last of order o1's ten events: this is its eleventh.
          await api.eventStore.appendToStream(
            'order-o1',
            [{ type: 'StatusChanged', data: { from: 'paid', to: 'cancelled', source: 'platform', platformStatus: 'cancelled', at: new Date().toISOString() } }],
            { expectedVersion: EVENTS_PER_ORDER - 1 },
          );
          changedDuringRebuild = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const { code } = await rebuild.exited;
      console.log(`      rebuild took ${((Date.now() - started) / 1000).toFixed(1)} s; the API answered ${reads} list requests meanwhile`);

      // Then it succeeded, drew a progress bar with count, rate and ETA, and the API kept answering.
      expect(code, rebuild.stderr()).to.equal(0);
      expect(rebuild.stderr()).to.match(/rebuild orders \[[#-]{30}\]\s+\d+% [\d,]+\/~[\d,]+ events, [\d,]+\/s, ETA \d+:\d\d/);
      expect(rebuild.stderr()).to.match(/rebuild orders \[#{30}\] 100% [\d,]+\/[\d,]+ events/);
      expect(rebuild.stdout()).to.match(/orders: rebuilt from \d+ events/);
      expect(changedDuringRebuild, 'an order changed while the rebuild ran').to.equal(true);
      expect(reads).to.be.greaterThan(1);

      // And the live runner went on from the switched-in read model: the change made meanwhile is there.
      await liveOrdersAt(api, await head(api.eventStore));
      const o1 = await api.call('GET', '/v1/orders/o1');
      expect(o1.body.status).to.equal('cancelled');

      // And `synchub check` finds the rebuilt read model identical to a fresh replay.
      started = Date.now();
      const check = await runCli(['check', 'orders'], env);
      console.log(`      check took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(check.code, check.stderr + check.stdout).to.equal(0);
      expect(check.stdout).to.match(new RegExp(`orders: identical \\(${orders} documents at position \\d+\\)`));
    } finally {
      await api.close();
    }
  });

  it('check reports missing, extra and differing documents with the first differing field, and exits 1', async () => {
    const api = await startSynchubApi();
    const schema = schemaOf(api);
    const env = postgresEnv(schema, testDatabaseUrl);
    const sql = connectTestPostgres(2);
    try {
      // Given 200 orders in the live read model, and then three of them damaged behind the projection's back.
      await appendOrders(api.eventStore, { orders: 200, statusChanges: 3 });
      await liveOrdersAt(api, await head(api.eventStore));
      await sql.query(
        `UPDATE "${schema}".read_models SET doc = jsonb_set(doc, '{customer,lastName}', '"Tampered"') WHERE collection = 'orders' AND id = 'o3'`,
      );
      await sql.query(`DELETE FROM "${schema}".read_models WHERE collection = 'orders' AND id = 'o4'`);
      await sql.query(`INSERT INTO "${schema}".read_models (collection, id, doc) VALUES ('orders', 'ghost', '{"id":"ghost"}')`);

      // When the check runs.
      const check = await runCli(['check', 'orders'], env);

      // Then it names each drifted document and exits 1 with a one-line reason.
      expect(check.code).to.equal(1);
      expect(check.stdout).to.contain('orders: DRIFT at position');
      expect(check.stdout).to.contain('1 missing, 1 extra, 1 differing');
      expect(check.stdout).to.match(/missing\s+o4/);
      expect(check.stdout).to.match(/extra\s+ghost/);
      expect(check.stdout).to.contain('differing o3 at customer.lastName: live "Tampered", replayed "K3"');
      expect(check.stderr.trim().split('\n').pop()).to.equal('synchub: Drift found in orders: rebuild with "synchub projections rebuild <name>"');

      // And after a rebuild the same check passes, with nothing left behind from the scratch copies.
      const rebuild = await runCli(['projections', 'rebuild', 'orders'], env);
      expect(rebuild.code, rebuild.stderr).to.equal(0);
      expect((await runCli(['check', 'orders'], env)).code).to.equal(0);
      const { rows } = await sql.query<{ collection: string }>(`SELECT DISTINCT collection FROM "${schema}".read_models WHERE collection LIKE '%\\_\\_%'`);
      expect(rows).to.deep.equal([]);
    } finally {
      await sql.close();
      await api.close();
    }
  });

  it('refuses an unknown read model name with the list of known ones', async () => {
    const result = await runCli(['projections', 'rebuild', 'invoices'], postgresEnv('cli_unused', testDatabaseUrl));
    expect(result.code).to.equal(1);
    expect(result.stderr.trim()).to.match(/^synchub: Unknown read model "invoices"; known: access_tokens, .*orders/);
    expect(result.stderr).not.to.contain('    at ');
    expect(jsonLines(result.stdout)).to.deep.equal([]);
  });
});

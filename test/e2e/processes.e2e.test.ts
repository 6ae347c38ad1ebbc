import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { startNode, type RunningChild } from '../support/childProcess.js';
import { connectTestPostgres, testDatabaseUrl, uniqueSchema } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { callApi } from '../support/apiCall.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '../../src/interfaces/main.js');
const ADMIN = 'processes-admin-token-0123456789';
const API_KEY = 'e2e-keycrm-processes';

interface Synchub {
  process: RunningChild;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

async function startSynchub(databaseUrl: string): Promise<Synchub> {
  const process = startNode(main, {
    PORT: '0',
    SYNCHUB_PROFILE: 'postgres',
    DATABASE_URL: databaseUrl,
    SYNCHUB_ADMIN_TOKEN: ADMIN,
    SYNCHUB_SECRET_KEY: 'cd'.repeat(32),
    SYNCHUB_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  const { port } = JSON.parse(await process.waitForLine(/synchub listening/, 30_000)) as { port: number };
  return {
    process,
    call: (method, path, body) => callApi(`http://127.0.0.1:${port}`, ADMIN, method, path, body),
  };
}

/** A database of its own, dropped afterwards. */
function freshDatabase() {
  const name = uniqueSchema('synchub_proc');
  const admin = connectTestPostgres(1);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: () => admin.exec(`CREATE DATABASE ${name}`),
    async drop() {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
    /** How many times each order was imported, straight from the event log. */
    async importsPerOrder(): Promise<number[]> {
      const db = PgSqlClient.connect(url.toString(), { max: 1 });
      try {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM synchub.events WHERE type = 'OrderImported' GROUP BY stream_name`,
        );
        return rows.map((r) => Number(r.n));
      } finally {
        await db.close();
      }
    },
  };
}

function connectBody(simulator: KeycrmSimulator) {
  return { name: 'KeyCRM', platform: 'keycrm', storeName: 'Shop', baseUrl: simulator.baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH' };
}

describe('synchub processes on one PostgreSQL', function () {
  this.timeout(180_000);

  it('given two processes running the import automation every 2 s for a minute while orders arrive, then each order is imported once and no run overlaps another', async () => {
    const database = freshDatabase();
    await database.create();
    const seeded = seedKeycrmOrders({ count: 300, products: 30, buyers: 100, startAt: new Date(Date.now() - 4 * 86_400_000), seed: 21 });
    const simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    const first = await startSynchub(database.url);
    const second = await startSynchub(database.url);
    try {
      const { body: integration } = await first.call('POST', '/v1/integrations', connectBody(simulator));
      const scheduled = await second.call('PUT', `/v1/integrations/${integration.id}/automations/import-orders`, { intervalMs: 2_000 });
      expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(200);
      // New orders keep arriving on the platform during the minute.
      const buyer = seeded.find((o) => o.buyer)!.buyer;
      const arrivals = setInterval(() => simulator.orders.addOrder({ buyer, products: seeded[0].products } as never), 1_500);
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      clearInterval(arrivals);
      await first.call('POST', `/v1/integrations/${integration.id}/automations/import-orders/disable`);
      // One last run picks up what arrived at the end.
      await first.call('POST', `/v1/integrations/${integration.id}/sync`);
      const withBuyer = simulator.orders.all().filter((o) => o.buyer).length;
      await eventually(async () => {
        const { body } = await first.call('GET', '/v1/orders?store=integrations&limit=1');
        if (body.total !== withBuyer) throw new Error(`${body.total} of ${withBuyer} orders`);
      }, 30_000, 200);

      const imports = await database.importsPerOrder();
      expect(imports).to.have.length(withBuyer);
      expect(imports.every((n) => n === 1)).to.equal(true);

      const runs: any[] = [];
      for (let page = 1; ; page++) {
        const { body } = await first.call('GET', `/v1/integrations/${integration.id}/automations/import-orders/runs?page=${page}&limit=100`);
        runs.push(...body.items);
        if (runs.length >= body.total) break;
      }
      const finished = runs.filter((r) => r.finishedAt).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      expect(finished.length, 'runs in a minute at 2 s').to.be.greaterThan(10);
      for (let i = 1; i < finished.length; i++) {
        expect(finished[i].startedAt >= finished[i - 1].finishedAt, `run ${i} started before run ${i - 1} ended`).to.equal(true);
      }
      expect(finished.every((r) => r.status === 'succeeded')).to.equal(true);
    } finally {
      first.process.child.kill('SIGTERM');
      second.process.child.kill('SIGTERM');
      await Promise.all([first.process.exited, second.process.exited]);
      await simulator.close();
      await database.drop();
    }
  });

  it('given a process killed with SIGKILL in the middle of an import, when restarted and the import run again, then no order is lost or doubled', async () => {
    const database = freshDatabase();
    await database.create();
    const seeded = seedKeycrmOrders({ count: 1_500, products: 60, buyers: 400, startAt: new Date(Date.now() - 14 * 86_400_000), seed: 33 });
    const withBuyer = seeded.filter((o) => o.buyer).length;
    const simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    let synchub = await startSynchub(database.url);
    try {
      const { body: integration } = await synchub.call('POST', '/v1/integrations', connectBody(simulator));
      // A disabled automation refuses a start: it is enabled first.
      expect((await synchub.call('POST', `/v1/integrations/${integration.id}/automations/import-orders/enable`)).status).to.equal(200);
      expect((await synchub.call('POST', `/v1/integrations/${integration.id}/automations/import-orders/start`)).status).to.equal(202);
      await eventually(async () => {
        const { body } = await synchub.call('GET', '/v1/orders?store=integrations&limit=1');
        if (body.total < 150) throw new Error(`only ${body.total} imported so far`);
      }, 60_000, 50);
      synchub.process.child.kill('SIGKILL');
      await synchub.process.exited;
      const partial = await database.importsPerOrder();
      expect(partial.length).to.be.lessThan(withBuyer);

      synchub = await startSynchub(database.url);
      const run = await synchub.call('POST', `/v1/integrations/${integration.id}/sync`);
      expect(run.status).to.equal(202);
      await eventually(async () => {
        const { body } = await synchub.call('GET', `/v1/sync-runs/${run.body.runId}`);
        if (body.status === 'running') throw new Error('still running');
      }, 90_000, 200);
      const imports = await database.importsPerOrder();
      expect(imports).to.have.length(withBuyer);
      expect(imports.every((n) => n === 1)).to.equal(true);
      const contacts = (await synchub.call('GET', '/v1/contacts?limit=1')).body.total;
      expect(contacts).to.equal(new Set(seeded.filter((o) => o.buyer).map((o) => o.buyer!.phone)).size);
    } finally {
      synchub.process.child.kill('SIGTERM');
      await synchub.process.exited;
      await simulator.close();
      await database.drop();
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startNode, type RunningChild } from '../support/childProcess.js';
import { connectTestPostgres, testDatabaseUrl, uniqueSchema } from '../support/databases.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '../../src/interfaces/main.js');

async function startService(env: Record<string, string>): Promise<{ service: RunningChild; base: string }> {
  const service = startNode(main, { PORT: '0', LOG_LEVEL: 'info', ...env });
  // A first start on a fresh data directory creates the embedded database: seconds on a quiet machine, more on a busy one.
  const line = await service.waitForLine(/synchub listening/, 50_000);
  const { port } = JSON.parse(line) as { port: number };
  return { service, base: `http://127.0.0.1:${port}` };
}

async function stopService(service: RunningChild) {
  service.child.kill('SIGTERM');
  return service.exited;
}

describe('the synchub process', function () {
  this.timeout(60_000);

  describe('on the embedded default', () => {
    let dataDir: string;
    before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'synchub-service-'))));
    after(async () => rm(dataDir, { recursive: true, force: true }));

    it('given no configuration but a data directory, when started, then /health and /ready answer 200, and SIGTERM stops it cleanly', async () => {
      const { service, base } = await startService({ SYNCHUB_DATA_DIR: dataDir });
      const health = await fetch(`${base}/health`);
      const ready = await fetch(`${base}/ready`);
      const readyBody = await ready.json();
      const missing = await fetch(`${base}/no-such-route`);
      const exit = await stopService(service);

      expect(health.status).to.equal(200);
      expect(ready.status).to.equal(200);
      expect(readyBody).to.deep.include({ status: 'ready', profile: 'embedded' });
      expect(readyBody.checks).to.include({ eventStore: 'up', readModels: 'up' });
      expect(missing.status).to.equal(404);
      expect(missing.headers.get('content-type')).to.contain('application/problem+json');
      expect(exit.code).to.equal(0);
      expect(service.output()).to.contain('synchub stopped');
      // Logs are structured JSON, one object a line.
      const lines = service.output().trim().split('\n');
      expect(lines.every((l) => l.startsWith('{') && JSON.parse(l).service === 'synchub')).to.equal(true);
    });
  });

  describe('on the postgres profile', () => {
    const database = uniqueSchema('synchub_svc');
    const admin = connectTestPostgres(1);
    before(async () => admin.exec(`CREATE DATABASE ${database}`));
    after(async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.close();
    });

    it('given DATABASE_URL, when started, then /ready reports the postgres stores up', async () => {
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${database}`;
      const { service, base } = await startService({
        SYNCHUB_PROFILE: 'postgres',
        DATABASE_URL: url.toString(),
        // A configured key, so the run leaves no key file behind in the working directory.
        SYNCHUB_SECRET_KEY: 'ab'.repeat(32),
      });
      const ready = await fetch(`${base}/ready`);
      const body = await ready.json();
      const exit = await stopService(service);
      expect(ready.status).to.equal(200);
      expect(body).to.deep.include({ status: 'ready', profile: 'postgres' });
      expect(exit.code).to.equal(0);
    });
  });

  it('given a wrong setting, when started, then it exits with a message naming the variable', async () => {
    const service = startNode(main, { SYNCHUB_PROFILE: 'oracle' });
    const exit = await service.exited;
    expect(exit.code).to.equal(2);
    expect(service.output()).to.contain('SYNCHUB_PROFILE must be one of embedded, postgres, eventstoredb');
  });
});

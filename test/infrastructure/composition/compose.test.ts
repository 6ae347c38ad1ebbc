import { expect } from 'chai';
import { silentLogger } from '../../../src/application/ports/logger.js';
import { PROJECTIONS } from '../../../src/application/projections/projections.js';
import { currentSchemaVersion } from '../../../src/application/upcasting/schemaVersions.js';
import { BackgroundWork } from '../../../src/infrastructure/composition/backgroundWork.js';
import { compose, type Synchub } from '../../../src/infrastructure/composition/compose.js';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { AesGcmSecrets } from '../../../src/infrastructure/secrets/aesGcmSecrets.js';
import { connectTestPostgres, dropSchema, testDatabaseUrl, uniqueSchema } from '../../support/databases.js';

const KEY = '5a'.repeat(32);

describe('compose: the one composition of the service', function () {
  this.timeout(30_000);
  const composed: { synchub: Synchub; schema: string; jobsTable?: string }[] = [];

  async function composeOnPostgres(jobsTable?: string): Promise<Synchub> {
    const schema = uniqueSchema('compose');
    const config = loadConfig({ SYNCHUB_PROFILE: 'postgres', DATABASE_URL: testDatabaseUrl, SYNCHUB_PG_SCHEMA: schema, SYNCHUB_SECRET_KEY: KEY });
    const synchub = await compose(config, { logger: silentLogger, automations: jobsTable === undefined ? false : { table: jobsTable } });
    composed.push({ synchub, schema, jobsTable });
    return synchub;
  }

  after(async () => {
    const sql = connectTestPostgres(1);
    try {
      for (const { synchub, schema, jobsTable } of composed) {
        await synchub.scheduler?.stop();
        await synchub.storage.close();
        if (jobsTable) await sql.exec(`DROP TABLE IF EXISTS "${jobsTable}" CASCADE; DROP FUNCTION IF EXISTS update_${jobsTable}_updated_at()`);
        await dropSchema(sql, schema);
      }
    } finally {
      await sql.close();
    }
  });

  it('given an event stored in an older shape, when read through the composed stores, then it is upcast; storedEvents gives it as stored', async () => {
    const synchub = await composeOnPostgres();
    const finishedV1 = { integrationId: 'i1', automation: 'import-orders', outcome: 'succeeded', counts: {}, error: null, finishedAt: '2025-01-01T10:05:00.000Z' };
    // As the first versions wrote it: no schema version in the metadata.
    await synchub.storedEvents.appendToStream('automationrun-r1', [{ type: 'AutomationRunFinished', data: finishedV1 }]);

    const [read] = await synchub.storage.eventStore.readStream('automationrun-r1');
    const [stored] = await synchub.storedEvents.readStream('automationrun-r1');

    expect(read.metadata).to.include({ schemaVersion: currentSchemaVersion('AutomationRunFinished'), storedSchemaVersion: 1 });
    expect(stored.data).to.deep.equal(finishedV1);
    expect(synchub.deps.store).to.equal(synchub.storage.eventStore);
  });

  it('given the configured secret key, then credentials sealed under it open', async () => {
    const synchub = await composeOnPostgres();
    expect(synchub.secrets.open(new AesGcmSecrets(Buffer.from(KEY, 'hex')).seal('api-key-1'))).to.equal('api-key-1');
  });

  it('given automations: false, then no scheduler is opened and no automation controls are served; a runner per read model still is', async () => {
    const synchub = await composeOnPostgres();
    expect(synchub.scheduler).to.equal(undefined);
    expect(synchub.automations).to.equal(undefined);
    expect(synchub.projections.map((runner) => runner.projection.name)).to.deep.equal(PROJECTIONS.map((p) => p.name));
  });

  it('given a jobs table, then the scheduler keeps its jobs there, on the storage\'s own pool', async () => {
    const jobsTable = `jobs_${uniqueSchema('compose')}`;
    const synchub = await composeOnPostgres(jobsTable);
    await synchub.scheduler!.every('import-orders', 'integration-1', 60_000, {});
    const { rows } = await synchub.storage.sql!.query<{ name: string }>(`SELECT name FROM "${jobsTable}"`);
    expect(rows.map((row) => row.name)).to.deep.equal(['import-orders']);
    expect(synchub.automations).not.to.equal(undefined);
  });
});

describe('BackgroundWork', () => {
  it('given work started while waiting, when done() is awaited, then it resolves only after that work too', async () => {
    const work = new BackgroundWork();
    const ended: string[] = [];
    work.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          ended.push('first');
          work.track(new Promise<void>((later) => setTimeout(() => (ended.push('second'), later()), 20)));
          resolve();
        }, 20),
      ),
    );
    await work.done();
    expect(ended).to.deep.equal(['first', 'second']);
  });

  it('given work that outlasts the drain, when drained, then it gives up after the time given', async () => {
    const work = new BackgroundWork();
    let finished = false;
    work.track(new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 1_000).unref()));
    const started = Date.now();
    await work.drain(50);
    expect(Date.now() - started).to.be.below(900);
    expect(finished).to.equal(false);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PgliteSqlClient } from '../../src/infrastructure/pglite/pgliteSqlClient.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';
import { startNode } from '../support/childProcess.js';
import { connectTestPostgres, dropSchema, testDatabaseUrl, uniqueSchema } from '../support/databases.js';

const projector = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/projectorProcess.js');
const EVENTS = 60;

/** Every event's application count, read back after the last process has finished. */
async function appliedCounts(sql: SqlClient, schema: string): Promise<number[]> {
  const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
  const tallies = await readModels.find<{ applied: Record<string, number> }>('tallies');
  return tallies.flatMap((t) => Object.values(t.applied));
}

function crashSpecification(name: string, target: () => string, open: () => Promise<SqlClient>) {
  describe(`projection crash recovery: ${name}`, function () {
    this.timeout(120_000);
    const schema = uniqueSchema('crash');

    it('given a SIGKILL after the append and before the checkpoint, and more at random moments, when restarted, then every event is applied exactly once', async () => {
      // Killed while a batch is written but not checkpointed.
      const first = startNode(projector, { TARGET: target(), SCHEMA: schema, APPEND: String(EVENTS), CRASH_AT_POSITION: '23' });
      await first.waitForLine(/^crashing$/);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).to.equal('SIGKILL');
      expect(first.output()).to.match(/checkpoint 20\n/);

      // Killed at random moments while projecting slowly.
      for (let kill = 0; kill < 3; kill++) {
        const next = startNode(projector, { TARGET: target(), SCHEMA: schema, BATCH_DELAY_MS: '30' });
        await next.waitForLine(/^checkpoint/);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
        next.child.kill('SIGKILL');
        await next.exited;
      }

      const last = startNode(projector, { TARGET: target(), SCHEMA: schema });
      await last.waitForLine(/^done$/, 60_000);
      expect((await last.exited).code).to.equal(0);

      const sql = await open();
      try {
        const counts = await appliedCounts(sql, schema);
        expect(counts).to.have.length(EVENTS);
        expect(counts.every((n) => n === 1), `application counts ${counts}`).to.equal(true);
      } finally {
        if (name === 'PostgreSQL') await dropSchema(sql, schema);
        await sql.close();
      }
    });
  });
}

crashSpecification('PostgreSQL', () => testDatabaseUrl, async () => connectTestPostgres(2));

let pgliteDir = '';
before(async () => (pgliteDir = await mkdtemp(join(tmpdir(), 'synchub-crash-'))));
after(async () => rm(pgliteDir, { recursive: true, force: true }));
crashSpecification('PGlite on disk', () => pgliteDir, () => PgliteSqlClient.open(pgliteDir));

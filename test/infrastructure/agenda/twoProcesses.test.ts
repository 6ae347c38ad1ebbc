import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import pg from 'pg';
import { startNode } from '../../support/childProcess.js';
import { testDatabaseUrl, uniqueSchema } from '../../support/databases.js';

const worker = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/agendaWorkerProcess.js');

interface Run {
  worker: string;
  started_at: Date;
  finished_at: Date | null;
}

describe('AgendaScheduler in two processes on one PostgreSQL schema', function () {
  this.timeout(30_000);
  const schema = uniqueSchema('agenda2p');
  const admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });

  before(async () => {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(
      `CREATE TABLE "${schema}".runs (id serial PRIMARY KEY, worker text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz)`,
    );
  });

  after(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('given two worker processes running the same job of the same key every 200 ms for 5 s, when their runs are compared, then no two runs overlapped, both workers took runs, and the count is plausible', async () => {
    const env = { DATABASE_URL: testDatabaseUrl, SCHEMA: schema, INTERVAL_MS: '200', WORK_MS: '150', RUN_FOR_MS: '5000' };
    // Started together: they also race to create Agenda's table and the job itself. Agenda has no
    // fairness: with equal polling periods that divide the interval, whichever worker polls first after
    // a run ends wins every run; different periods (as on different machines) let the lead change.
    const workers = [
      startNode(worker, { ...env, WORKER: 'a', PROCESS_EVERY_MS: '100' }),
      startNode(worker, { ...env, WORKER: 'b', PROCESS_EVERY_MS: '130' }),
    ];
    const exits = await Promise.all(workers.map((w) => w.exited));
    for (const [i, exit] of exits.entries()) {
      expect(exit.code, workers[i]!.output()).to.equal(0);
      expect(workers[i]!.output()).to.match(/^stopped$/m);
    }

    const { rows: jobs } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".agenda_jobs`);
    expect(jobs[0].n).to.equal(1);

    const { rows } = await admin.query<Run>(`SELECT worker, started_at, finished_at FROM "${schema}".runs ORDER BY started_at`);
    // stop() waits for a running handler, so every run that started also finished.
    expect(rows.every((r) => r.finished_at !== null)).to.equal(true);
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1]!;
      const current = rows[i]!;
      expect(current.started_at.getTime(), `run ${i} (${current.worker}) started before run ${i - 1} (${previous.worker}) ended`).to.be.at.least(
        previous.finished_at!.getTime(),
      );
    }
    // At most one run per 200 ms over ~5 s (each worker runs 5 s, started a moment apart); at least half of that.
    expect(rows.length).to.be.within(12, 30);
    const byWorker = new Map<string, number>();
    for (const r of rows) byWorker.set(r.worker, (byWorker.get(r.worker) ?? 0) + 1);
    expect([...byWorker.keys()].sort(), JSON.stringify([...byWorker])).to.deep.equal(['a', 'b']);
  });
});

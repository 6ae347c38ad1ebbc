import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import pg from 'pg';
import type { JobRun, ScheduledJob } from '../../../src/application/ports/scheduler.js';
import { AgendaScheduler, type AgendaSchedulerOptions } from '../../../src/infrastructure/agenda/agendaScheduler.js';
import { openScheduler } from '../../../src/infrastructure/composition/storageProfiles.js';
import { pgliteAgendaBackend, postgresAgendaBackend } from '../../../src/infrastructure/agenda/postgresAgendaBackend.js';
import { sharedInMemoryPglite, testDatabaseUrl, uniqueSchema } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';

/** A PostgreSQL schema of its own: the pool's search_path puts Agenda's table and trigger there. */
class TestDatabase {
  readonly schema = uniqueSchema('agenda');
  readonly pools: pg.Pool[] = [];
  readonly schedulers: AgendaScheduler[] = [];
  private readonly admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });

  async create(): Promise<void> {
    await this.admin.query(`CREATE SCHEMA "${this.schema}"`);
  }

  scheduler(options: AgendaSchedulerOptions = {}): AgendaScheduler {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 5, options: `-c search_path=${this.schema}` });
    pool.on('error', () => undefined);
    this.pools.push(pool);
    const scheduler = new AgendaScheduler(postgresAgendaBackend(pool, { channelName: this.schema }), {
      processEveryMs: 100,
      stopTimeoutMs: 3000,
      ...options,
    });
    this.schedulers.push(scheduler);
    return scheduler;
  }

  async rowCount(): Promise<number> {
    const { rows } = await this.admin.query(`SELECT count(*)::int AS n FROM "${this.schema}".agenda_jobs`);
    return (rows[0] as { n: number }).n;
  }

  async drop(): Promise<void> {
    await Promise.all(this.schedulers.map((s) => s.stop()));
    await Promise.all(this.pools.map((p) => p.end()));
    await this.admin.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    await this.admin.end();
  }
}

/** Records each run of a handler, and how many ran at the same time. */
class Recorder {
  runs: { key: string; data: Record<string, unknown>; start: number; end?: number }[] = [];
  active = 0;
  maxActive = 0;

  handler(work: (run: JobRun) => Promise<void> = async () => undefined) {
    return async (run: JobRun) => {
      const record: Recorder['runs'][number] = { key: run.key, data: run.data, start: Date.now() };
      this.runs.push(record);
      this.active++;
      this.maxActive = Math.max(this.maxActive, this.active);
      try {
        await work(run);
      } finally {
        this.active--;
        record.end = Date.now();
      }
    };
  }
}

/** A promise a test resolves when it wants a running handler to go on. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function onlyJob(scheduler: AgendaScheduler, name: string): Promise<ScheduledJob> {
  const jobs = await scheduler.jobs({ name });
  expect(jobs).to.have.length(1);
  return jobs[0]!;
}

describe('AgendaScheduler on PostgreSQL', function () {
  this.timeout(20_000);
  let db: TestDatabase;

  beforeEach(async () => {
    db = new TestDatabase();
    await db.create();
  });

  afterEach(async () => {
    await db.drop();
  });

  it('given a recurring job every 300 ms, when the scheduler runs for 1.6 s, then it ran repeatedly about once per interval with its key and data', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.every('sync', 'integration-1', 300, { platform: 'keycrm' });
    await scheduler.start();
    await sleep(1600);
    await scheduler.stop();

    // First run an interval after every() (~300 ms), then every 300 ms: 5 runs, give or take polling.
    expect(recorder.runs.length).to.be.within(3, 6);
    expect(recorder.runs.every((r) => r.key === 'integration-1' && r.data.platform === 'keycrm')).to.equal(true);
    const starts = recorder.runs.map((r) => r.start);
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    expect(Math.min(...gaps)).to.be.at.least(250);
  });

  it('given a recurring job, when every() is called again with another interval and data, then there is still one job, with the new interval and data', async () => {
    const scheduler = db.scheduler();
    scheduler.define('sync', async () => undefined);
    await scheduler.every('sync', 'integration-1', 60_000, { version: 1 });
    await scheduler.every('sync', 'integration-1', 120_000, { version: 2 });
    await scheduler.every('sync', 'integration-2', 60_000, {});

    const jobs = await scheduler.jobs({ name: 'sync' });
    expect(jobs.map((j) => [j.key, j.intervalMs, j.data])).to.deep.equal([
      ['integration-1', 120_000, { version: 2 }],
      ['integration-2', 60_000, {}],
    ]);
    expect(await db.rowCount()).to.equal(2);
    expect((await scheduler.jobs({ key: 'integration-2' })).map((j) => j.key)).to.deep.equal(['integration-2']);
  });

  it('given two schedulers on the same database, when both call every() for the same key at the same moment, then one job exists', async () => {
    const first = db.scheduler();
    const second = db.scheduler();
    await first.jobs(); // the table exists before the race, as it would after the first start
    await second.jobs();
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        first.every('race', `key-${round}`, 60_000, { from: 'first' }),
        second.every('race', `key-${round}`, 60_000, { from: 'second' }),
        first.runNow('race', `key-${round}`),
      ]);
    }
    expect(await db.rowCount()).to.equal(5);
  });

  it('given a recurring job not due for a minute, when runNow() is called, then it runs at once and is still the one job with its interval', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.every('sync', 'integration-1', 60_000, { platform: 'keycrm' });
    await scheduler.start();
    await sleep(300);
    expect(recorder.runs).to.have.length(0);

    const asked = Date.now();
    await scheduler.runNow('sync', 'integration-1');
    await eventually(() => expect(recorder.runs).to.have.length(1), 3000);
    expect(recorder.runs[0]!.start - asked).to.be.below(1500);
    expect(recorder.runs[0]!.data).to.deep.equal({ platform: 'keycrm' });

    const job = await eventually(async () => {
      const j = await onlyJob(scheduler, 'sync');
      expect(j.lastFinishedAt).to.not.equal(null);
      return j;
    });
    expect(job.intervalMs).to.equal(60_000);
    expect(job.nextRunAt!.getTime() - job.lastRunAt!.getTime()).to.equal(60_000);
  });

  it('given a job that does not exist, when runNow() is called, then it is created as a one-off job and runs once', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('import', recorder.handler());
    await scheduler.start();
    await scheduler.runNow('import', 'file-7', { path: '/tmp/x' });
    await eventually(() => expect(recorder.runs).to.have.length(1), 3000);
    const job = await eventually(async () => {
      const j = await onlyJob(scheduler, 'import');
      expect(j.lastFinishedAt).to.not.equal(null);
      return j;
    });
    expect(job).to.include({ key: 'file-7', intervalMs: null, nextRunAt: null, enabled: true });
    expect(job.data).to.deep.equal({ path: '/tmp/x' });
    await sleep(400);
    expect(recorder.runs).to.have.length(1);
  });

  it('given a recurring job, when disabled, then it stops running, and when enabled again, then it runs again', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.every('sync', 'integration-1', 200, {});
    await scheduler.start();
    await eventually(() => expect(recorder.runs.length).to.be.at.least(1), 3000);

    expect(await scheduler.disable('sync', 'integration-1')).to.equal(true);
    expect(await scheduler.disable('sync', 'no-such-key')).to.equal(false);
    await eventually(() => expect(recorder.active).to.equal(0));
    const runsWhenDisabled = recorder.runs.length;
    await sleep(800);
    expect(recorder.runs.length).to.equal(runsWhenDisabled);
    expect((await onlyJob(scheduler, 'sync')).enabled).to.equal(false);

    // every() again (as at a restart) must not enable a disabled job.
    await scheduler.every('sync', 'integration-1', 200, {});
    expect((await onlyJob(scheduler, 'sync')).enabled).to.equal(false);

    expect(await scheduler.enable('sync', 'integration-1')).to.equal(true);
    await eventually(() => expect(recorder.runs.length).to.be.at.least(runsWhenDisabled + 2), 3000);
    expect((await onlyJob(scheduler, 'sync')).enabled).to.equal(true);
  });

  it('given a job, when disabled, then it has no next run; when enabled, then the domain plans one again and it runs again', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.every('sync', 'integration-1', 300, {});
    await scheduler.start();
    await eventually(() => expect(recorder.runs.length).to.be.at.least(1), 3000);
    await scheduler.disable('sync', 'integration-1');
    await eventually(() => expect(recorder.active).to.equal(0));
    const disabled = await eventually(async () => {
      const job = await onlyJob(scheduler, 'sync');
      expect(job.lockedAt).to.equal(null);
      return job;
    });
    // Agenda's own next_run_at may be written once more by a run that ended after the disable; the schedule is what counts.
    expect(disabled.schedule).to.deep.include({ enabled: false, nextRunAt: null, runningSince: null, intervalMs: 300 });
    const runsWhileDisabled = recorder.runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // three intervals and more
    expect(recorder.runs.length, 'runs after the job was disabled').to.equal(runsWhileDisabled);

    const enabledAt = Date.now();
    expect(await scheduler.enable('sync', 'integration-1')).to.equal(true);
    const enabled = await onlyJob(scheduler, 'sync');
    expect(enabled.schedule.enabled).to.equal(true);
    expect(enabled.nextRunAt!.getTime() - enabledAt).to.be.within(0, 1000);
    const runs = recorder.runs.length;
    await eventually(() => expect(recorder.runs.length).to.be.at.least(runs + 2), 3000);
  });

  it('given a running job, when disabled during its run, then the run ends with no next run and no run follows', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    const go = gate();
    scheduler.define('sync', recorder.handler(() => go.wait));
    await scheduler.every('sync', 'integration-1', 200, {}, { runNow: true });
    await scheduler.start();
    await eventually(() => expect(recorder.active).to.equal(1), 3000);
    expect((await onlyJob(scheduler, 'sync')).schedule.runningSince).to.be.a('string');
    await scheduler.disable('sync', 'integration-1');
    go.open();
    const ended = await eventually(async () => {
      const job = await onlyJob(scheduler, 'sync');
      expect(job.lastFinishedAt).to.not.equal(null);
      return job;
    });
    expect(ended).to.include({ enabled: false, nextRunAt: null });
    await sleep(600);
    expect(recorder.runs).to.have.length(1);
  });

  it('given a schedule saved with a run asked for by someone, then that run names them as its trigger and the runs after it name the schedule', async () => {
    const scheduler = db.scheduler();
    const triggers: string[] = [];
    scheduler.define('sync', async (run) => void triggers.push(run.trigger));
    const now = new Date().toISOString();
    await scheduler.save('sync', 'integration-1', { enabled: true, intervalMs: 300, nextRunAt: now, runningSince: null }, { a: 1 }, { requestedBy: 'api:token-1' });
    await scheduler.start();
    await eventually(() => expect(triggers.length).to.be.at.least(3), 4000);
    expect(triggers[0]).to.equal('api:token-1');
    expect(triggers.slice(1).every((trigger) => trigger === 'schedule')).to.equal(true);
    expect((await onlyJob(scheduler, 'sync')).data).to.deep.equal({ a: 1 });
  });

  it('given a schedule saved disabled, then the job exists with no next run and never runs', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.save('sync', 'integration-1', { enabled: false, intervalMs: 200, nextRunAt: null, runningSince: null }, {});
    await scheduler.start();
    await sleep(700);
    expect(recorder.runs).to.have.length(0);
    expect(await onlyJob(scheduler, 'sync')).to.include({ enabled: false, nextRunAt: null, intervalMs: 200 });
  });

  it('given a recurring job, when removed, then it is gone and no longer runs, and removing it again reports false', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define('sync', recorder.handler());
    await scheduler.every('sync', 'integration-1', 200, {});
    await scheduler.every('sync', 'integration-2', 60_000, {});
    await scheduler.start();
    await eventually(() => expect(recorder.runs.length).to.be.at.least(1), 3000);

    expect(await scheduler.remove('sync', 'integration-1')).to.equal(true);
    await eventually(() => expect(recorder.active).to.equal(0));
    const runsWhenRemoved = recorder.runs.length;
    expect((await scheduler.jobs()).map((j) => j.key)).to.deep.equal(['integration-2']);
    expect(await scheduler.remove('sync', 'integration-1')).to.equal(false);
    await sleep(600);
    expect(recorder.runs.length).to.equal(runsWhenRemoved);
  });

  it('given a job that ran, when jobs() is asked, then it reports lastRunAt, lastFinishedAt, nextRunAt, enabled and no failure', async () => {
    const scheduler = db.scheduler();
    scheduler.define('sync', () => sleep(120));
    const before = new Date();
    await scheduler.every('sync', 'integration-1', 60_000, { a: 1 }, { runNow: true });

    const pending = await onlyJob(scheduler, 'sync');
    expect(pending).to.include({ name: 'sync', key: 'integration-1', intervalMs: 60_000, enabled: true, lastRunAt: null, lockedAt: null });
    expect(pending.nextRunAt!.getTime()).to.be.closeTo(before.getTime(), 2000);

    await scheduler.start();
    const job = await eventually(async () => {
      const j = await onlyJob(scheduler, 'sync');
      expect(j.lastFinishedAt).to.not.equal(null);
      return j;
    }, 5000);
    expect(job.lastRunAt!.getTime()).to.be.at.least(before.getTime() - 1000);
    expect(job.lastFinishedAt!.getTime() - job.lastRunAt!.getTime()).to.be.at.least(100);
    expect(job.nextRunAt!.getTime()).to.equal(job.lastRunAt!.getTime() + 60_000);
    expect(job).to.include({ enabled: true, failReason: null, failedAt: null, lockedAt: null, progress: null });
    expect(job.data).to.deep.equal({ a: 1 });
  });

  it('given a handler that fails, when it runs, then the job records the reason and keeps its schedule, and runs again', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    scheduler.define(
      'sync',
      recorder.handler(async () => {
        throw new Error('platform answered 503');
      }),
    );
    await scheduler.every('sync', 'integration-1', 300, {});
    await scheduler.start();

    const job = await eventually(async () => {
      const j = await onlyJob(scheduler, 'sync');
      expect(j.failReason).to.equal('platform answered 503');
      return j;
    }, 3000);
    expect(job.failedAt).to.not.equal(null);
    expect(job.intervalMs).to.equal(300);
    expect(job.enabled).to.equal(true);
    expect(job.nextRunAt!.getTime()).to.be.greaterThan(job.lastRunAt!.getTime());
    await eventually(() => expect(recorder.runs.length).to.be.at.least(3), 3000);
  });

  it('given a running handler, when it touches with a progress, then jobs() shows the progress and the lock while it runs', async () => {
    const scheduler = db.scheduler();
    const go = gate();
    scheduler.define('sync', async (run) => {
      await run.touch(40);
      await go.wait;
    });
    await scheduler.runNow('sync', 'integration-1');
    await scheduler.start();

    const running = await eventually(async () => {
      const j = await onlyJob(scheduler, 'sync');
      expect(j.progress).to.equal(40);
      return j;
    }, 3000);
    expect(running.lockedAt).to.not.equal(null);
    expect(running.lastFinishedAt).to.equal(null);

    go.open();
    const done = await eventually(async () => {
      const j = await onlyJob(scheduler, 'sync');
      expect(j.lastFinishedAt).to.not.equal(null);
      return j;
    });
    expect(done.lockedAt).to.equal(null);
  });

  it('given a running job, when runNow() is called again and again, then no second run starts while it runs, and one more run follows', async () => {
    const scheduler = db.scheduler();
    const recorder = new Recorder();
    const go = gate();
    scheduler.define('sync', recorder.handler(() => (recorder.runs.length === 1 ? go.wait : Promise.resolve())));
    await scheduler.every('sync', 'integration-1', 60_000, {}, { runNow: true });
    await scheduler.start();
    await eventually(() => expect(recorder.active).to.equal(1), 3000);

    for (let i = 0; i < 3; i++) {
      await scheduler.runNow('sync', 'integration-1');
      await sleep(150);
    }
    expect(recorder.runs).to.have.length(1);
    expect(await db.rowCount()).to.equal(1);

    go.open();
    await eventually(() => expect(recorder.runs).to.have.length(2), 3000);
    await sleep(500);
    expect(recorder.runs).to.have.length(2);
    expect(recorder.maxActive).to.equal(1);
    expect(recorder.runs[1]!.start).to.be.at.least(recorder.runs[0]!.end!);
  });

  it('given a running handler, when stop() is called, then its signal is aborted and stop() waits for it to end', async () => {
    const scheduler = db.scheduler();
    let signal: AbortSignal | undefined;
    let ended = false;
    scheduler.define('sync', async (run) => {
      signal = run.signal;
      await new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
      await sleep(300); // finishing at a safe point takes a while
      ended = true;
    });
    await scheduler.runNow('sync', 'integration-1');
    await scheduler.start();
    await eventually(() => expect(signal).to.not.equal(undefined), 3000);
    expect(signal!.aborted).to.equal(false);

    const stopping = Date.now();
    await scheduler.stop();
    expect(signal!.aborted).to.equal(true);
    expect(ended).to.equal(true);
    expect(Date.now() - stopping).to.be.within(250, 3000);
    // The run's outcome was saved and its lock released before stop() returned.
    const job = await onlyJob(scheduler, 'sync');
    expect(job.lockedAt).to.equal(null);
    expect(job.lastFinishedAt).to.not.equal(null);
  });

  it('given a handler that ignores its signal, when stop() is called, then it waits no longer than its bound', async () => {
    const scheduler = db.scheduler({ stopTimeoutMs: 400 });
    const go = gate();
    let started = false;
    scheduler.define('sync', async () => {
      started = true;
      await go.wait;
    });
    await scheduler.runNow('sync', 'integration-1');
    await scheduler.start();
    await eventually(() => expect(started).to.equal(true), 3000);
    const stopping = Date.now();
    await scheduler.stop();
    expect(Date.now() - stopping).to.be.within(350, 2000);
    go.open();
  });
});

describe('AgendaScheduler on the embedded PGlite', function () {
  this.timeout(30_000);

  it('given the embedded backend, when a recurring job is asked to run now, then it runs and jobs() reports it as one recurring job', async () => {
    const sql = await sharedInMemoryPglite();
    const table = uniqueSchema('agenda_jobs');
    const scheduler = new AgendaScheduler(pgliteAgendaBackend(sql.db, { tableName: table }), { processEveryMs: 100 });
    try {
      const recorder = new Recorder();
      scheduler.define('sync', recorder.handler(async (run) => run.touch(50)));
      await scheduler.every('sync', 'integration-1', 60_000, { x: 1 });
      await scheduler.every('sync', 'integration-1', 30_000, { x: 2 });
      await scheduler.start();
      await scheduler.runNow('sync', 'integration-1');
      await eventually(() => expect(recorder.runs).to.have.length(1), 5000);
      const job = await eventually(async () => {
        const j = await onlyJob(scheduler, 'sync');
        expect(j.lastFinishedAt).to.not.equal(null);
        return j;
      });
      expect(job).to.include({ key: 'integration-1', intervalMs: 30_000, progress: 50, lockedAt: null, failReason: null });
      expect(job.data).to.deep.equal({ x: 2 });
      expect(job.nextRunAt!.getTime()).to.equal(job.lastRunAt!.getTime() + 30_000);
    } finally {
      await scheduler.stop();
      await sql.exec(`DROP TABLE IF EXISTS "${table}" CASCADE; DROP FUNCTION IF EXISTS update_${table}_updated_at()`);
    }
  });
});

describe('openScheduler and unreachable databases', function () {
  this.timeout(20_000);

  it('given the postgres profile and the storage pool, when opened, then jobs are stored in the named table of that pool', async () => {
    const db = new TestDatabase();
    await db.create();
    const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 3, options: `-c search_path=${db.schema}` });
    db.pools.push(pool);
    const scheduler = await openScheduler('postgres', { pool }, { table: 'scheduled_jobs', processEveryMs: 100 });
    db.schedulers.push(scheduler);
    try {
      await scheduler.every('sync', 'integration-1', 60_000, {});
      const { rows } = await pool.query('SELECT name, data FROM scheduled_jobs');
      expect(rows).to.deep.equal([{ name: 'sync', data: { key: 'integration-1', data: {} } }]);
    } finally {
      await db.drop();
    }
  });

  it('given a profile without the handle it needs, when opened, then it says which one is missing', async () => {
    let failure: unknown;
    await openScheduler('embedded', {}).catch((error) => (failure = error));
    expect(String(failure)).to.match(/PGlite/);
    failure = undefined;
    await openScheduler('postgres', {}).catch((error) => (failure = error));
    expect(String(failure)).to.match(/Pool/);
  });

  it('given PostgreSQL unreachable, when the scheduler is created and used, then calls fail with the connection error instead of crashing the process', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', max: 2 });
    pool.on('error', () => undefined);
    const scheduler = new AgendaScheduler(postgresAgendaBackend(pool), { processEveryMs: 100 });
    try {
      let failure: unknown;
      await scheduler.jobs().catch((error) => (failure = error));
      expect(String(failure)).to.match(/ECONNREFUSED/);
      failure = undefined;
      await scheduler.start().catch((error) => (failure = error));
      expect(String(failure)).to.match(/ECONNREFUSED/);
    } finally {
      await scheduler.stop();
      await pool.end();
    }
  });

  it('given the eventstoredb profile and MongoDB unreachable, when used, then the MongoDB backend reports its server selection failure', async () => {
    const scheduler = await openScheduler('eventstoredb', { mongoUrl: 'mongodb://127.0.0.1:1/synchub?serverSelectionTimeoutMS=300' });
    try {
      let failure: unknown;
      await scheduler.every('sync', 'integration-1', 60_000, {}).catch((error) => (failure = error));
      expect((failure as Error | undefined)?.name).to.match(/^Mongo/);
    } finally {
      await scheduler.stop();
    }
  });
});

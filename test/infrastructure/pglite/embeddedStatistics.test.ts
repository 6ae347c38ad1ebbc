import { expect } from 'chai';
import { analyzeStaleTables, keepStatistics } from '../../../src/infrastructure/pglite/embeddedStatistics.js';
import { PgliteSqlClient } from '../../../src/infrastructure/pglite/pgliteSqlClient.js';

describe('embedded database statistics (PGlite runs no autovacuum)', function () {
  this.timeout(60_000);
  let sql: PgliteSqlClient;
  const estimatedRows = async () =>
    Number((await sql.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'docs'`)).rows[0].reltuples);

  // One database for all (a cold PGlite start takes seconds), a new table for each.
  before(async () => (sql = await PgliteSqlClient.open()));
  after(() => sql.close());
  beforeEach(async () => {
    await sql.exec(`CREATE TABLE docs (id serial PRIMARY KEY, doc jsonb NOT NULL)`);
    await sql.exec(`INSERT INTO docs (doc) SELECT jsonb_build_object('n', n) FROM generate_series(1, 1000) n`);
  });
  afterEach(() => sql.exec('DROP TABLE docs'));

  it('given the embedded database, then its buffers and statistics sample are small: WASM memory once touched stays touched', async () => {
    const setting = async (name: string) => (await sql.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
    expect(await setting('shared_buffers')).to.equal('16MB');
    expect(await setting('default_statistics_target')).to.equal('10');
  });

  it('given a table never analysed, when the stale tables are analysed, then the planner knows its rows', async () => {
    const analysed = await analyzeStaleTables(sql);
    expect(analysed).to.include('public.docs');
    expect(await estimatedRows()).to.equal(1000);
  });

  it('given a table analysed and changed by less than autovacuum would wait for, when they are analysed again, then it is left alone', async () => {
    await analyzeStaleTables(sql);
    await sql.exec(`INSERT INTO docs (doc) SELECT jsonb_build_object('n', n) FROM generate_series(1, 100) n`);
    expect(await analyzeStaleTables(sql)).to.not.include('public.docs');
  });

  it('given a table that grew by more than a tenth since, when they are analysed again, then its statistics are taken anew', async () => {
    await analyzeStaleTables(sql);
    await sql.exec(`INSERT INTO docs (doc) SELECT jsonb_build_object('n', n) FROM generate_series(1, 5000) n`);
    expect(await analyzeStaleTables(sql)).to.include('public.docs');
    expect(await estimatedRows()).to.equal(6000);
  });

  it('given the keeper started, when its first look is due, then it analyses without being asked, and stops when told', async () => {
    const stop = keepStatistics(sql, { firstAfterMs: 10, everyMs: 60_000 });
    for (let i = 0; i < 100 && (await estimatedRows()) < 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await stop();
    expect(await estimatedRows()).to.equal(1000);
  });
});

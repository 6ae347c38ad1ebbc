import { expect } from 'chai';
import { summariseLog } from '../../../src/application/admin/eventLogChecksum.js';
import { PostgresEventStore } from '../../../src/infrastructure/postgres/postgresEventStore.js';
import { connectTestPostgres, dropSchema, testDatabaseUrl, uniqueSchema } from '../../support/databases.js';
import { appendOrders } from '../../application/admin/orderEventLog.js';
import { postgresEnv, runCli, startCli } from './cliProcess.js';

describe('synchub events copy (postgres profile into a second PostgreSQL schema)', function () {
  this.timeout(120_000);
  const sql = connectTestPostgres(4);
  const sourceSchema = uniqueSchema('copy_src');
  const targetSchema = uniqueSchema('copy_dst');
  let source: PostgresEventStore;
  let target: PostgresEventStore;

  before(async () => {
    source = await PostgresEventStore.create(sql, { schema: sourceSchema, ownsClient: false });
    target = await PostgresEventStore.create(sql, { schema: targetSchema, ownsClient: false });
  });

  after(async () => {
    await dropSchema(sql, sourceSchema);
    await dropSchema(sql, targetSchema);
    await sql.close();
  });

  async function targetCount(): Promise<number> {
    const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${targetSchema}".events`);
    return Number(rows[0].n);
  }

  it('killed half way and started again, ends with the same log: order, streams, versions, ids, metadata; counts and checksums printed', async () => {
    // Given a source log of 12 000 events over 3 000 streams, interleaved as concurrent appends leave them.
    await appendOrders(source, { orders: 3_000, statusChanges: 3, parallel: 8 });
    const env = postgresEnv(sourceSchema, testDatabaseUrl);
    const args = ['events', 'copy', '--to', 'postgres', '--to-url', testDatabaseUrl, '--to-schema', targetSchema, '--batch-size', '100'];

    // When the copy is killed once the target has some events.
    const first = startCli(args, env);
    let copiedBeforeKill = 0;
    while (copiedBeforeKill < 500) {
      const exit = await Promise.race([first.exited, new Promise((resolve) => setTimeout(resolve, 20))]);
      if (exit) throw new Error(`copy ended before it could be killed:\n${first.stderr()}${first.stdout()}`);
      copiedBeforeKill = await targetCount();
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).to.equal('SIGKILL');
    const afterKill = await targetCount();
    expect(afterKill).to.be.within(500, 11_999);

    // And started again.
    const second = await runCli(args, env);

    // Then it skipped what was there, copied the rest, and both sides have the same count and checksum.
    expect(second.code, second.stderr).to.equal(0);
    const skipped = Number(/\((\d+) were there already\)/.exec(second.stdout)?.[1]);
    expect(skipped).to.equal(afterKill);
    const sourceLine = /source: (\d+) events, sha256 ([0-9a-f]{64})/.exec(second.stdout)!;
    const targetLine = /target: (\d+) events, sha256 ([0-9a-f]{64})/.exec(second.stdout)!;
    expect(sourceLine[1]).to.equal('12000');
    expect(targetLine.slice(1)).to.deep.equal(sourceLine.slice(1));
    expect(second.stdout).to.contain('identical');
    expect(second.stderr).to.match(/copy \[#{30}\] 100%/);

    // And independently of the CLI's own verification: the same events in the same global order.
    const [s, t] = await Promise.all([summariseLog(source), summariseLog(target)]);
    expect(t).to.deep.equal(s);
    const sourceEvents = await source.readAll({ maxCount: 12_000 });
    const targetEvents = await target.readAll({ maxCount: 12_000 });
    const shape = (e: (typeof sourceEvents)[number]) => [e.id, e.streamName, e.version, e.type, e.data, e.metadata];
    expect(targetEvents.map(shape)).to.deep.equal(sourceEvents.map(shape));

    // And a third run finds nothing left to copy.
    const third = await runCli(args, env);
    expect(third.code).to.equal(0);
    expect(third.stdout).to.contain('copied 0 events (12000 were there already)');
  });

  it('refuses to copy into a store whose events are not the start of the source log', async () => {
    const otherTarget = uniqueSchema('copy_other');
    const other = await PostgresEventStore.create(sql, { schema: otherTarget, ownsClient: false });
    try {
      await other.appendToStream('order-elsewhere', [{ type: 'OrderCreated', data: { x: 1 } }]);
      const result = await runCli(
        ['events', 'copy', '--to', 'postgres', '--to-url', testDatabaseUrl, '--to-schema', otherTarget],
        postgresEnv(sourceSchema, testDatabaseUrl),
      );
      expect(result.code).to.equal(1);
      expect(result.stderr.trim().split('\n').pop()).to.equal(
        'synchub: The target store holds 1 events that are not the first 1 events of the source; copy into an empty store',
      );
    } finally {
      await dropSchema(sql, otherTarget);
    }
  });

  it('refuses to copy a store into itself', async () => {
    const result = await runCli(['events', 'copy', '--to', 'postgres'], postgresEnv(sourceSchema, testDatabaseUrl));
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('synchub: The target is the store being copied');
  });
});

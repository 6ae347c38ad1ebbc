import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { PgliteSqlClient } from '../../src/infrastructure/pglite/pgliteSqlClient.js';
import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';

describe('embedded profile (PGlite) on disk', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'synchub-pglite-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('given events appended and the database closed, when it is opened again from the same directory, then they are there', async () => {
    const first = await PostgresEventStore.create(await PgliteSqlClient.open(dir));
    await first.appendToStream('order-1', [{ type: 'OrderImported', data: { number: 'A-1' } }], { expectedVersion: 'no_stream' });
    await first.close();

    const reopened = await PostgresEventStore.create(await PgliteSqlClient.open(dir));
    const events = await reopened.readStream('order-1');
    await reopened.appendToStream('order-1', [{ type: 'StatusChanged', data: { to: 'paid' } }], { expectedVersion: 0 });
    await reopened.close();
    expect(events.map((e) => [e.type, e.data])).to.deep.equal([['OrderImported', { number: 'A-1' }]]);
  });
});

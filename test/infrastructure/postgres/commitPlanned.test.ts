import { expect } from 'chai';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import type { SqlClient } from '../../../src/infrastructure/postgres/sqlClient.js';
import { connectTestPostgres, dropSchema, sharedInMemoryPglite, unclosable, uniqueSchema } from '../../support/databases.js';

const engines: Array<[string, () => Promise<{ sql: SqlClient; close(): Promise<void> }>]> = [
  ['PostgreSQL', async () => {
    const sql = connectTestPostgres(2);
    return { sql, close: () => sql.close() };
  }],
  ['PGlite', async () => ({ sql: unclosable(await sharedInMemoryPglite()), close: async () => undefined })],
];

for (const [engine, connect] of engines) {
  describe(`Read models on ${engine}: a batch worked out ahead, committed in one statement`, function () {
    this.timeout(30_000);
    let sql: SqlClient;
    let close: () => Promise<void>;
    let schema: string;
    let readModels: PostgresReadModels;

    beforeEach(async () => {
      ({ sql, close } = await connect());
      schema = uniqueSchema('planned');
      readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
    });
    afterEach(async () => {
      await dropSchema(sql, schema);
      await close();
    });

    it('given no checkpoint, when a batch planned from the start commits, then its writes and deletes land and the checkpoint is created at its end', async () => {
      await readModels.transact('other', async (tx) => (await tx.put('orders', 'gone', { n: 0 }), 1));

      const moved = await readModels.commitPlanned('orders', {
        from: 0,
        to: 7,
        writes: [
          { collection: 'orders', id: 'a', doc: { n: 1 } },
          { collection: 'orders', id: 'gone', doc: null },
        ],
      });

      expect(moved).to.equal(true);
      expect(await readModels.get('orders', 'a')).to.deep.equal({ n: 1 });
      expect(await readModels.get('orders', 'gone')).to.equal(undefined);
      expect(await readModels.checkpoint('orders')).to.equal(7);
    });

    it('given a checkpoint another runner moved past where the batch was planned, then nothing is written and it answers false', async () => {
      await readModels.transact('orders', async (tx) => (await tx.put('orders', 'a', { n: 5 }), 12));

      const moved = await readModels.commitPlanned('orders', { from: 7, to: 9, writes: [{ collection: 'orders', id: 'a', doc: { n: 2 } }] });

      expect(moved).to.equal(false);
      expect(await readModels.get('orders', 'a')).to.deep.equal({ n: 5 });
      expect(await readModels.checkpoint('orders')).to.equal(12);
    });

    it('given a batch planned on a checkpoint that was since reset, then nothing is written and it answers false', async () => {
      const moved = await readModels.commitPlanned('orders', { from: 7, to: 9, writes: [{ collection: 'orders', id: 'a', doc: { n: 2 } }] });

      expect(moved).to.equal(false);
      expect(await readModels.get('orders', 'a')).to.equal(undefined);
      expect(await readModels.checkpoint('orders')).to.equal(undefined);
    });

    it('given a checkpoint where the batch was planned, then the batch moves it on', async () => {
      await readModels.transact('orders', async (tx) => (await tx.put('orders', 'a', { n: 1 }), 7));

      expect(await readModels.commitPlanned('orders', { from: 7, to: 9, writes: [{ collection: 'orders', id: 'a', doc: { n: 2 } }] })).to.equal(true);
      expect(await readModels.get('orders', 'a')).to.deep.equal({ n: 2 });
      expect(await readModels.checkpoint('orders')).to.equal(9);
    });
  });
}

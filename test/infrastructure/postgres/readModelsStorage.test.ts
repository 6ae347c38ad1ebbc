import { expect } from 'chai';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import { PgSqlClient } from '../../../src/infrastructure/postgres/pgSqlClient.js';
import { connectTestPostgres, dropSchema, uniqueSchema } from '../../support/databases.js';

/** A document of about `bytes` bytes of JSON that compresses well, as orders with many items do. */
const documentOf = (bytes: number) => ({ id: 'o1', items: Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => ({ sku: `KC-${i}`, name: 'Blue T-Shirt' })) });

describe('Read models on PostgreSQL: how documents are stored', function () {
  this.timeout(20_000);
  let sql: PgSqlClient;
  let schema: string;
  let readModels: PostgresReadModels;

  beforeEach(async () => {
    sql = connectTestPostgres(2);
    schema = uniqueSchema('storage');
    readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
  });
  afterEach(async () => {
    await dropSchema(sql, schema);
    await sql.close();
  });

  async function storedForm(bytes: number) {
    await readModels.transact('p', async (tx) => (await tx.put('orders', 'o1', documentOf(bytes)), 1));
    const { rows } = await sql.query<{ compression: string | null; raw: number }>(
      `SELECT pg_column_compression(doc) AS compression, octet_length(doc::text) AS raw FROM "${schema}".read_models WHERE id = 'o1'`,
    );
    return rows[0];
  }

  it('given a document of 5 KB, then it is kept inline and uncompressed, so jsonb operators read it without decompressing it', async () => {
    const stored = await storedForm(5_000);
    expect(stored.raw).to.be.within(4_000, 8_000);
    expect(stored.compression).to.equal(null);
  });

  it('given a document past 8 KB, then PostgreSQL compresses it as usual', async () => {
    expect((await storedForm(20_000)).compression).to.not.equal(null);
  });

  it('given a side copy being built, then it and its checkpoint are kept in unlogged tables, which a crash empties together, and promoting it moves it into the live table', async () => {
    await readModels.commitPlanned('orders__rebuild', { from: 0, to: 5, writes: [{ collection: 'orders__rebuild', id: 'o1', doc: documentOf(100) }] });
    const tables = await sql.query<{ relname: string; relpersistence: string }>(
      `SELECT relname, relpersistence FROM pg_class WHERE relnamespace = $1::regnamespace AND relname IN ('read_models_aside', 'projection_checkpoints_aside') ORDER BY relname`,
      [schema],
    );
    const live = async () => (await sql.query<{ collection: string }>(`SELECT collection FROM "${schema}".read_models`)).rows.map((row) => row.collection);
    expect(tables.rows).to.deep.equal([
      { relname: 'projection_checkpoints_aside', relpersistence: 'u' },
      { relname: 'read_models_aside', relpersistence: 'u' },
    ]);
    expect(await live()).to.deep.equal([]);
    expect(await readModels.checkpoint('orders__rebuild')).to.equal(5);

    await readModels.promote({ live: 'orders', side: 'orders__rebuild', collections: [{ live: 'orders', side: 'orders__rebuild' }] }, async (tx) => tx.checkpoint ?? 0);

    expect(await live()).to.deep.equal(['orders']);
    expect(await readModels.count('orders__rebuild')).to.equal(0);
    expect(await readModels.checkpoint('orders')).to.equal(5);
  });
});

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
});

import { expect } from 'chai';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import { PgSqlClient } from '../../../src/infrastructure/postgres/pgSqlClient.js';
import { FILTER_FIELDS } from '../../../src/infrastructure/postgres/readModelsSchema.js';
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

  it('given read models whose filter function an earlier version made in SQL, when the store opens them, then the function is PL/pgSQL and the filter index still finds what was written before', async () => {
    const fields = FILTER_FIELDS.map((field) => `'${field}', nullif(doc->'${field}', 'false')`).join(', ');
    await sql.query(
      `CREATE OR REPLACE FUNCTION "${schema}".filter_fields(doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
         $$ SELECT jsonb_strip_nulls(jsonb_build_object(${fields})) $$`,
    );
    await readModels.transact('products', async (tx) => {
      await tx.put('products', 'p1', { id: 'p1', sku: 'KC-1', syncStock: true, showInEcommerce: false });
      await tx.put('products', 'p2', { id: 'p2', sku: 'KC-2', syncStock: false });
      return 1;
    });

    const reopened = await PostgresReadModels.create(sql, { schema, ownsClient: false });

    const language = await sql.query<{ lanname: string }>(
      `SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'filter_fields' AND p.pronamespace = $1::regnamespace`,
      [schema],
    );
    expect(language.rows).to.deep.equal([{ lanname: 'plpgsql' }]);
    // Entries written by the SQL function, rechecked by the PL/pgSQL one: a row whose two results differed would be lost.
    const throughIndex = await sql.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const filter = `"${schema}".filter_fields(doc) @> $1::jsonb`;
      const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM "${schema}".read_models WHERE ${filter}`, ['{"sku":"KC-1"}']);
      const found = await tx.query<{ id: string }>(`SELECT id FROM "${schema}".read_models WHERE ${filter} ORDER BY id`, ['{"syncStock":true,"sku":"KC-1"}']);
      return { plan: plan.rows.map((row) => row['QUERY PLAN']).join('\n'), found: found.rows.map((row) => row.id) };
    });
    expect(throughIndex.plan).to.include('read_models_fields');
    expect(throughIndex.found).to.deep.equal(['p1']);
    expect((await reopened.find('products', { where: { sku: 'KC-2' } })).map((doc) => doc.id)).to.deep.equal(['p2']);
  });
});

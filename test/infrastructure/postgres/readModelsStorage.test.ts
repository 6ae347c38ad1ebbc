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

  /** How each of the schema's tables whose name starts with read_models is kept: its persistence and partition bound. */
  async function documentTables() {
    const { rows } = await sql.query<{ relname: string; relpersistence: string; bound: string | null }>(
      `SELECT relname, relpersistence, pg_get_expr(relpartbound, oid) AS bound FROM pg_class
        WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'p') AND relname LIKE 'read\\_models%' ORDER BY relname`,
      [schema],
    );
    return rows;
  }

  it('given a side copy being built, then it and its checkpoint are kept in unlogged tables, which a crash empties together, and promoting it makes its table the live partition, with no document copied', async () => {
    // Given the live orders (in their own partition) and a side copy of them built apart.
    const partitioned = await PostgresReadModels.create(sql, { schema, ownsClient: false, collections: ['orders'] });
    await partitioned.transact('orders', async (tx) => (await tx.put('orders', 'old', documentOf(100)), 3));
    await partitioned.reset('orders__rebuild', ['orders__rebuild']);
    await partitioned.commitPlanned('orders__rebuild', { from: 0, to: 5, writes: [{ collection: 'orders__rebuild', id: 'o1', doc: documentOf(100) }] });
    const sideOid = async () => (await sql.query<{ oid: number }>(`SELECT to_regclass($1)::oid AS oid`, [`"${schema}"."read_models_orders__rebuild"`])).rows[0].oid;
    const built = await sideOid();
    // The live orders' partition, a durable table; the side copy's, unlogged and apart; and the default partition.
    const layout = [
      { relname: 'read_models', relpersistence: 'p', bound: null },
      { relname: 'read_models__shared', relpersistence: 'p', bound: 'DEFAULT' },
      { relname: 'read_models_orders', relpersistence: 'p', bound: "FOR VALUES IN ('orders')" },
      { relname: 'read_models_orders__rebuild', relpersistence: 'u', bound: null },
    ];
    const checkpoints = await sql.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE oid = to_regclass($1)`, [`"${schema}".projection_checkpoints_aside`]);
    expect(checkpoints.rows).to.deep.equal([{ relpersistence: 'u' }]);
    expect(await documentTables()).to.deep.equal(layout);
    expect((await partitioned.scan('orders', { limit: 10 })).map((d) => d.id)).to.deep.equal(['old']);
    expect(await partitioned.checkpoint('orders__rebuild')).to.equal(5);

    // When it is promoted.
    await partitioned.promote({ live: 'orders', side: 'orders__rebuild', collections: [{ live: 'orders', side: 'orders__rebuild' }] }, async (tx) => tx.checkpoint ?? 0);

    // Then the table it was built in is the live partition, made durable; a new side table is left empty.
    const live = await sql.query<{ oid: number }>(`SELECT to_regclass($1)::oid AS oid`, [`"${schema}"."read_models_orders"`]);
    expect(live.rows[0].oid).to.equal(built);
    expect(await sideOid()).to.not.equal(built);
    expect(await documentTables()).to.deep.equal(layout);
    expect((await partitioned.scan('orders', { limit: 10 })).map((d) => d.id)).to.deep.equal(['o1']);
    expect((await partitioned.find('orders', { where: { id: 'o1' } })).length).to.equal(1);
    expect(await partitioned.count('orders__rebuild')).to.equal(0);
    expect(await partitioned.checkpoint('orders')).to.equal(5);
    expect(await partitioned.checkpoint('orders__rebuild')).to.equal(undefined);
  });

  it('given a live commit waiting for the live lock while a switch runs, then both finish: the switch first, then the commit finds the checkpoint moved', async () => {
    // Given live orders at position 3 and a side copy of them at 5.
    const partitioned = await PostgresReadModels.create(sql, { schema, ownsClient: false, collections: ['orders'] });
    await partitioned.transact('orders', async (tx) => (await tx.put('orders', 'old', { id: 'old' }), 3));
    await partitioned.reset('orders__rebuild', ['orders__rebuild']);
    await partitioned.commitPlanned('orders__rebuild', { from: 0, to: 5, writes: [{ collection: 'orders__rebuild', id: 'o1', doc: { id: 'o1' } }] });

    // When the live runner commits its next batch (one statement) while the switch holds the live lock.
    let liveCommit: Promise<boolean> | undefined;
    const switched = partitioned.promote({ live: 'orders', side: 'orders__rebuild', collections: [{ live: 'orders', side: 'orders__rebuild' }] }, async (tx) => {
      liveCommit = partitioned.commitPlanned('orders', { from: 3, to: 4, writes: [{ collection: 'orders', id: 'late', doc: { id: 'late' } }] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return tx.checkpoint ?? 0;
    });

    // Then neither is chosen as a deadlock's victim: the switch commits, and the commit moves nothing.
    await switched;
    expect(await liveCommit).to.equal(false);
    expect((await partitioned.scan('orders', { limit: 10 })).map((d) => d.id)).to.deep.equal(['o1']);
    expect(await partitioned.checkpoint('orders')).to.equal(5);
  });

  it('given the one unpartitioned table of documents an earlier version kept, when the store opens it, then every document is moved into its collection\'s partition and found as before', async () => {
    // Given an earlier version's layout: one table, its indexes and statistics by their old names, and a side copy.
    const earlier = uniqueSchema('earlier');
    const s = `"${earlier}"`;
    await sql.exec(`
      CREATE SCHEMA ${s};
      CREATE TABLE ${s}.read_models (collection text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (collection, id));
      CREATE INDEX read_models_created_at ON ${s}.read_models (collection, (doc->'createdAt'), id);
      CREATE STATISTICS ${s}.read_models_status ON ((doc->'status')) FROM ${s}.read_models;
      CREATE TABLE ${s}.projection_checkpoints (projection text PRIMARY KEY, position bigint);
      INSERT INTO ${s}.projection_checkpoints VALUES ('orders', 7);
      CREATE UNLOGGED TABLE ${s}.read_models_aside (collection text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (collection, id));
      INSERT INTO ${s}.read_models_aside VALUES ('orders__rebuild', 'half', '{}');
      CREATE UNLOGGED TABLE ${s}.projection_checkpoints_aside (projection text PRIMARY KEY, position bigint);
      INSERT INTO ${s}.projection_checkpoints_aside VALUES ('orders__rebuild', 3);
      INSERT INTO ${s}.read_models VALUES
        ('orders', 'o1', '{"id":"o1","status":"new","createdAt":"2025-01-01"}'),
        ('orders', 'o2', '{"id":"o2","status":"shipped","createdAt":"2025-01-02"}'),
        ('products', 'p1', '{"id":"p1","sku":"KC-1"}'),
        ('widgets', 'w1', '{"id":"w1"}');`);
    try {
      // When this version opens it, with orders and products declared.
      const opened = await PostgresReadModels.create(sql, { schema: earlier, ownsClient: false, collections: ['orders', 'products'] });

      // Then each declared collection has its partition, the others share the default one, and nothing is lost.
      const { rows } = await sql.query<{ partition: string; collection: string; n: number }>(
        `SELECT tableoid::regclass::text AS partition, collection, count(*)::int AS n FROM ${s}.read_models GROUP BY 1, 2 ORDER BY 2`,
      );
      expect(rows).to.deep.equal([
        { partition: `${earlier}.read_models_orders`, collection: 'orders', n: 2 },
        { partition: `${earlier}.read_models_products`, collection: 'products', n: 1 },
        { partition: `${earlier}.read_models__shared`, collection: 'widgets', n: 1 },
      ]);
      expect((await opened.find('orders', { where: { status: 'shipped' } })).map((doc) => doc.id)).to.deep.equal(['o2']);
      expect((await opened.find('products', { where: { sku: 'KC-1' } })).map((doc) => doc.id)).to.deep.equal(['p1']);
      expect((await opened.find('orders', { orderBy: { field: 'createdAt', descending: true } })).map((doc) => doc.id)).to.deep.equal(['o2', 'o1']);
      expect(await opened.checkpoint('orders')).to.equal(7);
      // The earlier side copy is dropped with its checkpoint: a rebuild starts it again from zero.
      const leftovers = await sql.query(`SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relname IN ('read_models_aside', 'read_models_unpartitioned')`, [earlier]);
      expect(leftovers.rows).to.deep.equal([]);
      expect(await opened.checkpoint('orders__rebuild')).to.equal(undefined);

      // And opening it again changes nothing.
      await PostgresReadModels.create(sql, { schema: earlier, ownsClient: false, collections: ['orders', 'products'] });
      expect(await opened.count('orders')).to.equal(2);
    } finally {
      await dropSchema(sql, earlier);
    }
  });

  it('given documents of a collection in the shared partition, when the store is opened declaring that collection, then they move into a partition of its own', async () => {
    await readModels.transact('p', async (tx) => (await tx.put('contacts', 'c1', { id: 'c1', phone: '+380671234567' }), 1));
    const reopened = await PostgresReadModels.create(sql, { schema, ownsClient: false, collections: ['contacts'] });
    const { rows } = await sql.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM "${schema}".read_models WHERE collection = 'contacts'`);
    expect(rows).to.deep.equal([{ partition: `${schema}.read_models_contacts` }]);
    expect((await reopened.find('contacts', { where: { phone: '+380671234567' } })).map((doc) => doc.id)).to.deep.equal(['c1']);
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
    expect(throughIndex.plan).to.match(/Bitmap Index Scan on \S*fields/);
    expect(throughIndex.found).to.deep.equal(['p1']);
    expect((await reopened.find('products', { where: { sku: 'KC-2' } })).map((doc) => doc.id)).to.deep.equal(['p2']);
  });
});

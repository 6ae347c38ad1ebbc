import { expect } from 'chai';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import { PgSqlClient } from '../../../src/infrastructure/postgres/pgSqlClient.js';
import type { SqlClient } from '../../../src/infrastructure/postgres/sqlClient.js';
import { connectTestPostgres, dropSchema, unclosable, uniqueSchema } from '../../support/databases.js';

const ORDERS = 20_000;

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

/** The nodes that read the page; the total's subquery (an InitPlan, which counts every match) is left out. */
const pageNodes = (node: PlanNode): string[] => [
  node['Node Type'],
  ...(node.Plans ?? []).filter((child) => child['Parent Relationship'] !== 'InitPlan').flatMap(pageNodes),
];

/** The SQL client the read models use, remembering the last statement they ran and its parameters. */
function recording(sql: SqlClient): SqlClient & { last?: { text: string; params?: unknown[] } } {
  const client: SqlClient & { last?: { text: string; params?: unknown[] } } = {
    ...unclosable(sql),
    query: (text, params, options) => {
      client.last = { text, params };
      return sql.query(text, params, options);
    },
  };
  return client;
}

describe('Read models on PostgreSQL: how the planner reads a list', function () {
  this.timeout(60_000);
  let sql: PgSqlClient;
  let schema: string;
  let statements: ReturnType<typeof recording>;
  let readModels: PostgresReadModels;

  before(async () => {
    sql = connectTestPostgres(2);
    schema = uniqueSchema('plans');
    statements = recording(sql);
    readModels = await PostgresReadModels.create(statements, { schema, ownsClient: false });
    // Orders the size of imported ones (about 1.5 KB), every one from an integration, one a minute, every 100th shipped.
    await sql.query(
      `INSERT INTO "${schema}".read_models (collection, id, doc)
       SELECT 'orders', 'o' || n, jsonb_build_object('id', 'o' || n, 'version', 1, 'source', 'integration',
         'status', CASE WHEN n % 100 = 0 THEN 'shipped' ELSE 'new' END,
         'createdAt', to_char(timestamp '2026-01-01' + n * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
         'comment', repeat('x', 1500))
       FROM generate_series(1, $1) AS n`,
      [ORDERS],
    );
    // What autovacuum does after a bulk import.
    await sql.query(`ANALYZE "${schema}".read_models`);
  });
  after(async () => {
    await dropSchema(sql, schema);
    await sql.close();
  });

  async function pageReadOfLastStatement(): Promise<string[]> {
    const { text, params } = statements.last!;
    const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
    return pageNodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  for (const page of [1, 20, 100]) {
    it(`given ${ORDERS} orders that all match a filter, when page ${page} of 50 is read newest first, then the planner walks the createdAt index and sorts nothing`, async () => {
      const found = await readModels.findPage<{ id: string; createdAt: string }>('orders', {
        where: { source: 'integration' },
        orderBy: { field: 'createdAt', descending: true },
        limit: 50,
        offset: (page - 1) * 50,
        pick: ['id', 'createdAt'],
      });
      expect(found.total).to.equal(ORDERS);
      expect(found.items.map((order) => order.id)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `o${ORDERS - (page - 1) * 50 - i}`));
      const plan = await pageReadOfLastStatement();
      expect(plan, plan.join(' > ')).to.include('Index Scan');
      expect(plan, plan.join(' > ')).to.not.include('Seq Scan');
      expect(plan, plan.join(' > ')).to.not.include('Sort');
    });
  }

  it('given a filter on two fields, then the page holds only the documents with both values, and the total counts them', async () => {
    const found = await readModels.findPage<{ id: string }>('orders', {
      where: { source: 'integration', status: 'shipped' },
      orderBy: { field: 'createdAt', descending: true },
      limit: 3,
      pick: ['id'],
    });
    expect(found).to.deep.equal({ total: ORDERS / 100, items: [{ id: `o${ORDERS}` }, { id: `o${ORDERS - 100}` }, { id: `o${ORDERS - 200}` }] });
  });
});

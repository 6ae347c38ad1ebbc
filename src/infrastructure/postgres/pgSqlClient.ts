import pg from 'pg';
import type { SqlClient, SqlQueryable } from './sqlClient.js';

export class PgSqlClient implements SqlClient {
  constructor(readonly pool: pg.Pool) {}

  static connect(connectionString: string, options: { max?: number } = {}): PgSqlClient {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    // Nor one checked out between two queries (a transaction, Agenda's job lock): pg emits 'error' on the client,
    // which would crash the process when the server goes away; its next query fails instead and reports it.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return new PgSqlClient(pool);
  }

  async query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> {
    const result = await this.pool.query(text, params);
    return { rows: result.rows as Row[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: SqlQueryable = {
        query: async <Row>(text: string, params?: unknown[]) => ({
          rows: (await client.query(text, params)).rows as Row[],
        }),
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

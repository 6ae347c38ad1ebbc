import { createHash } from 'node:crypto';
import pg from 'pg';
import type { QueryOptions, SqlClient, SqlQueryable } from './sqlClient.js';

const statementNames = new Map<string, string>();

/** A prepared statement's name is derived from its text, so every connection of every pool agrees on it. */
function statementOf(text: string, params: unknown[] | undefined, options: QueryOptions | undefined): pg.QueryConfig {
  if (!options?.prepared) return { text, values: params };
  let name = statementNames.get(text);
  if (!name) {
    name = `synchub_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params };
}

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

  async query<Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }> {
    const result = await this.pool.query(statementOf(text, params, options));
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
        query: async <Row>(text: string, params?: unknown[], options?: QueryOptions) => ({
          rows: (await client.query(statementOf(text, params, options))).rows as Row[],
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

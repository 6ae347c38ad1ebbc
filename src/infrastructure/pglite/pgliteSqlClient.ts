import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from '../postgres/sqlClient.js';

// PGlite runs in-process with no wire round trip: QueryOptions.prepared has nothing to save and is ignored.

/** PostgreSQL compiled to WASM, in-process: the embedded profile, no server to install. */
export class PgliteSqlClient implements SqlClient {
  constructor(readonly db: PGlite) {}

  /** Opens (or creates) a database kept in `dataDir`; in memory when dataDir is undefined. */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir);
    return new PgliteSqlClient(db);
  }

  async query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> {
    const result = await this.db.query<Row>(text, params);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(text: string, params?: unknown[]) => ({
          rows: (await tx.query<Row>(text, params)).rows,
        }),
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

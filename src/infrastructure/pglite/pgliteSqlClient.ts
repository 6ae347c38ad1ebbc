import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from '../postgres/sqlClient.js';

/** What the embedded database is started with, besides PGlite's own parameters; its WASM memory grows and never shrinks. */
const SETTINGS = [
  // PGlite's default is 128 MB, all of it WASM memory once touched; the operating system's page cache still holds
  // the files, so a page outside the pool costs a read call, not a disk read.
  'shared_buffers=16MB',
  // ANALYZE holds a sample of 300 rows per unit of target in memory, whole documents, and the WASM memory it touches
  // stays touched: at 50 (15 000 rows) that was 98 MB of it by 100 000 orders, at 10 (3 000 rows) 45 MB. The filters
  // are equalities on fields of few values (store, status), which ten most common values describe.
  'default_statistics_target=10',
];

// PGlite runs in-process with no wire round trip: QueryOptions.prepared has nothing to save and is ignored.

/** PostgreSQL compiled to WASM, in-process: the embedded profile, no server to install. */
export class PgliteSqlClient implements SqlClient {
  constructor(readonly db: PGlite) {}

  /** Opens (or creates) a database kept in `dataDir`; in memory when dataDir is undefined. */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...SETTINGS.flatMap((setting) => ['-c', setting])] });
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

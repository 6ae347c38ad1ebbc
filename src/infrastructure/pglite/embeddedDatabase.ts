import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from '../postgres/sqlClient.js';
import { keepStatistics } from './embeddedStatistics.js';
import { lockPgliteDirectory } from './pgliteDirectoryLock.js';
import { PgliteSqlClient } from './pgliteSqlClient.js';

/** The embedded profile's database in a data directory, held by this process until `sql.close()`. */
export interface EmbeddedDatabase {
  /** Closing it also releases the directory for the next process. */
  readonly sql: SqlClient;
  /** The PGlite instance itself, which the job scheduler shares. */
  readonly db: PGlite;
}

/** Locks `<dataDir>/pglite` for this process, then opens it: PGlite would let a second process in and corrupt the files. */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const directory = join(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const unlock = await lockPgliteDirectory(directory);
  let opened: PgliteSqlClient;
  try {
    opened = await PgliteSqlClient.open(directory);
  } catch (error) {
    await unlock();
    throw error;
  }
  // PGlite has no autovacuum: without this the planner of a long-running service never learns how its tables grew.
  const stopStatistics = keepStatistics(opened);
  const sql: SqlClient = {
    query: (text, params) => opened.query(text, params),
    exec: (text) => opened.exec(text),
    transaction: (work) => opened.transaction(work),
    close: () => stopStatistics().then(() => opened.close()).finally(unlock),
  };
  return { sql, db: opened.db };
}

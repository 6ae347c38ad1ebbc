import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { lockPgliteDirectory } from '../pglite/pgliteDirectoryLock.js';
import { PgliteSqlClient } from '../pglite/pgliteSqlClient.js';
import { PgSqlClient } from '../postgres/pgSqlClient.js';
import { PostgresEventStore } from '../postgres/postgresEventStore.js';
import { PostgresReadModels } from '../postgres/postgresReadModels.js';
import type { SqlClient } from '../postgres/sqlClient.js';
import type { SchedulerHandles } from '../agenda/openScheduler.js';
import type { Storage } from './storage.js';
import { upcasting } from '../../application/upcasting/upcastingEventStore.js';

/** The profile's stores as the service and the admin CLI read them: every event upcast to its type's current shape. */
export async function openServiceStorage(config: Config): Promise<Storage> {
  const stored = await openStorage(config);
  return { ...stored, eventStore: upcasting(stored.eventStore) };
}

/** One config switch, same application code: opens the event store and read models of the profile, events as stored. */
export async function openStorage(config: Config): Promise<Storage> {
  switch (config.profile) {
    case 'embedded': {
      const directory = join(config.dataDir, 'pglite');
      await mkdir(directory, { recursive: true });
      // PGlite does not stop a second process from opening the same files: the lock does (service and CLI alike).
      const unlock = await lockPgliteDirectory(directory);
      let sql: PgliteSqlClient;
      try {
        sql = await PgliteSqlClient.open(directory);
      } catch (error) {
        await unlock();
        throw error;
      }
      const unlockingOnClose: SqlClient = {
        query: (text, params) => sql.query(text, params),
        exec: (text) => sql.exec(text),
        transaction: (work) => sql.transaction(work),
        close: () => sql.close().finally(unlock),
      };
      return sqlStorage('embedded', unlockingOnClose, { pglite: sql.db }, config.pgSchema);
    }
    case 'postgres': {
      const sql = PgSqlClient.connect(config.databaseUrl, { max: 10 });
      return sqlStorage('postgres', sql, { pool: sql.pool }, config.pgSchema);
    }
    case 'eventstoredb':
      return eventStoreDbStorage(config);
  }
}

async function sqlStorage(profile: string, sql: SqlClient, schedulerHandles: SchedulerHandles, schema: string): Promise<Storage> {
  try {
    const eventStore = await PostgresEventStore.create(sql, { schema, ownsClient: false });
    const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
    return { profile, eventStore, readModels, schedulerHandles, close: () => sql.close() };
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}

async function eventStoreDbStorage(config: Config): Promise<Storage> {
  // Loaded on demand, so the other profiles never load the gRPC and MongoDB clients.
  const [{ connectEventStoreDb }, { connectMongoReadModels }] = await Promise.all([
    import('../eventstoredb/eventStoreDbEventStore.js'),
    import('../mongodb/mongoReadModels.js'),
  ]);
  const eventStore = connectEventStoreDb(config.eventStoreUrl);
  let readModels: Storage['readModels'];
  try {
    readModels = await connectMongoReadModels(config.mongoUrl);
  } catch (error) {
    await eventStore.close().catch(() => undefined);
    throw error;
  }
  return {
    profile: 'eventstoredb',
    eventStore,
    readModels,
    schedulerHandles: { mongoUrl: config.mongoUrl },
    close: async () => {
      // Both are closed even when one fails; the first failure is still reported.
      const results = await Promise.allSettled([eventStore.close(), readModels.close()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { PgliteSqlClient } from '../pglite/pgliteSqlClient.js';
import { PgSqlClient } from '../postgres/pgSqlClient.js';
import { PostgresEventStore } from '../postgres/postgresEventStore.js';
import { PostgresReadModels } from '../postgres/postgresReadModels.js';
import type { SqlClient } from '../postgres/sqlClient.js';
import type { SchedulerHandles } from '../agenda/openScheduler.js';
import type { Storage } from './storage.js';

/** One config switch, same application code: opens the event store and read models of the profile. */
export async function openStorage(config: Config): Promise<Storage> {
  switch (config.profile) {
    case 'embedded': {
      const sql = await PgliteSqlClient.open(join(config.dataDir, 'pglite'));
      return sqlStorage('embedded', sql, { pglite: sql.db });
    }
    case 'postgres': {
      const sql = PgSqlClient.connect(config.databaseUrl, { max: 10 });
      return sqlStorage('postgres', sql, { pool: sql.pool });
    }
    case 'eventstoredb':
      return eventStoreDbStorage(config);
  }
}

async function sqlStorage(profile: string, sql: SqlClient, schedulerHandles: SchedulerHandles): Promise<Storage> {
  try {
    const eventStore = await PostgresEventStore.create(sql, { ownsClient: false });
    const readModels = await PostgresReadModels.create(sql, { ownsClient: false });
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

import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { PgliteSqlClient } from '../pglite/pgliteSqlClient.js';
import { PgSqlClient } from '../postgres/pgSqlClient.js';
import { PostgresEventStore } from '../postgres/postgresEventStore.js';
import { PostgresReadModels } from '../postgres/postgresReadModels.js';
import type { SqlClient } from '../postgres/sqlClient.js';
import type { Storage } from './storage.js';

/** One config switch, same application code: opens the event store and read models of the profile. */
export async function openStorage(config: Config): Promise<Storage> {
  switch (config.profile) {
    case 'embedded':
      return sqlStorage('embedded', await PgliteSqlClient.open(join(config.dataDir, 'pglite')));
    case 'postgres':
      return sqlStorage('postgres', PgSqlClient.connect(config.databaseUrl, { max: 10 }));
    case 'eventstoredb':
      return eventStoreDbStorage(config);
  }
}

async function sqlStorage(profile: string, sql: SqlClient): Promise<Storage> {
  try {
    const eventStore = await PostgresEventStore.create(sql, { ownsClient: false });
    const readModels = await PostgresReadModels.create(sql, { ownsClient: false });
    return { profile, eventStore, readModels, close: () => sql.close() };
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
    close: async () => {
      // Both are closed even when one fails; the first failure is still reported.
      const results = await Promise.allSettled([eventStore.close(), readModels.close()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

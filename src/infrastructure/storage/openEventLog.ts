import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { Config } from '../config/config.js';
import { lockPgliteDirectory } from '../pglite/pgliteDirectoryLock.js';
import { PgliteSqlClient } from '../pglite/pgliteSqlClient.js';
import { PgSqlClient } from '../postgres/pgSqlClient.js';
import { PostgresEventStore } from '../postgres/postgresEventStore.js';

/** Only the event store of a profile, for copying a log into it: no read models, no MongoDB for EventStoreDB. */
export async function openEventLog(config: Config): Promise<EventStore> {
  switch (config.profile) {
    case 'embedded': {
      const directory = join(config.dataDir, 'pglite');
      await mkdir(directory, { recursive: true });
      const unlock = await lockPgliteDirectory(directory);
      try {
        const sql = await PgliteSqlClient.open(directory);
        const store = await PostgresEventStore.create(sql, { schema: config.pgSchema, ownsClient: true });
        return withCloseHook(store, unlock);
      } catch (error) {
        await unlock();
        throw error;
      }
    }
    case 'postgres': {
      const sql = PgSqlClient.connect(config.databaseUrl, { max: 4 });
      try {
        return await PostgresEventStore.create(sql, { schema: config.pgSchema, ownsClient: true });
      } catch (error) {
        await sql.close().catch(() => undefined);
        throw error;
      }
    }
    case 'eventstoredb': {
      const { connectEventStoreDb } = await import('../eventstoredb/eventStoreDbEventStore.js');
      return connectEventStoreDb(config.eventStoreUrl);
    }
  }
}

function withCloseHook(store: EventStore, after: () => Promise<void>): EventStore {
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    readStreams: (names) => store.readStreams(names),
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    ping: () => store.ping(),
    close: () => store.close().finally(after),
  };
}

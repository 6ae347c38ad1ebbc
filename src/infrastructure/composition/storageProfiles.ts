import type { EventStore } from '../../application/ports/eventStore.js';
import { PROJECTIONS } from '../../application/projections/projections.js';
import { AgendaScheduler, type AgendaSchedulerOptions } from '../agenda/agendaScheduler.js';
import { pgliteAgendaBackend, postgresAgendaBackend } from '../agenda/postgresAgendaBackend.js';
import type { Config, Profile } from '../config/config.js';
import { openEmbeddedDatabase } from '../pglite/embeddedDatabase.js';
import { PgSqlClient } from '../postgres/pgSqlClient.js';
import { PostgresEventStore } from '../postgres/postgresEventStore.js';
import { PostgresReadModels } from '../postgres/postgresReadModels.js';
import type { SqlClient } from '../postgres/sqlClient.js';
import { PagesKeptUntilWrite } from '../storage/pagesKeptUntilWrite.js';
import type { SchedulerHandles, Storage } from '../storage/storage.js';

/** What a caller may tune in the stores it opens; the profile decides the rest. */
export interface StorageTuning {
  /** Connections of the PostgreSQL pool (postgres profile; default 10). */
  poolSize?: number;
  /** How often subscriptions look for events appended by other processes (postgres, default 200 ms; embedded, 2 s). */
  pollIntervalMs?: number;
}

export interface OpenSchedulerOptions extends AgendaSchedulerOptions {
  /** PostgreSQL table / MongoDB collection of the jobs. */
  table?: string;
}

/** How often embedded subscriptions look for events that did not wake them (none should). */
const EMBEDDED_POLL_INTERVAL_MS = 2_000;

/** How one profile opens each of its parts. */
interface StorageProfile {
  /** The event store and the read models, on one connection where the profile has one; events as stored. */
  openStorage(config: Config, tuning: StorageTuning): Promise<Storage>;
  /** Only the event store, for copying a log into it: no read models (no MongoDB for EventStoreDB). */
  openEventLog(config: Config): Promise<EventStore>;
  /** The Agenda scheduler on the storage's own connection; call start() to work on jobs and stop() to end. */
  openScheduler(handles: SchedulerHandles, options: OpenSchedulerOptions): Promise<AgendaScheduler>;
}

/** One config switch, same application code: every profile's event store, read models and jobs, in one table. */
const STORAGE_PROFILES: Record<Profile, StorageProfile> = {
  embedded: {
    async openStorage(config, tuning) {
      // The directory lock keeps a second process (service or CLI) out while this one holds the database.
      const database = await openEmbeddedDatabase(config.dataDir);
      // Appends of this process wake its subscriptions at once and no other process can append: the poll is a
      // safety net only, and each poll would queue on the one connection the API also waits for.
      const polled = { ...tuning, pollIntervalMs: tuning.pollIntervalMs ?? EMBEDDED_POLL_INTERVAL_MS };
      const storage = await sqlStorage('embedded', database.sql, { pglite: database.db }, config.pgSchema, polled);
      // This process is the database's only writer: a page stays right until its own next write.
      return { ...storage, readModels: new PagesKeptUntilWrite(storage.readModels) };
    },
    async openEventLog(config) {
      return sqlEventLog((await openEmbeddedDatabase(config.dataDir)).sql, config.pgSchema);
    },
    async openScheduler({ pglite }, { table, ...options }) {
      if (!pglite) throw new Error('The embedded scheduler needs the PGlite instance of the storage');
      return new AgendaScheduler(pgliteAgendaBackend(pglite, { tableName: table }), options);
    },
  },
  postgres: {
    async openStorage(config, tuning) {
      const sql = PgSqlClient.connect(config.databaseUrl, { max: tuning.poolSize ?? 10 });
      return sqlStorage('postgres', sql, { pool: sql.pool }, config.pgSchema, tuning);
    },
    async openEventLog(config) {
      return sqlEventLog(PgSqlClient.connect(config.databaseUrl, { max: 4 }), config.pgSchema);
    },
    async openScheduler({ pool }, { table, ...options }) {
      if (!pool) throw new Error('The postgres scheduler needs the pg Pool of the storage');
      return new AgendaScheduler(postgresAgendaBackend(pool, { tableName: table }), options);
    },
  },
  eventstoredb: {
    openStorage: (config) => eventStoreDbStorage(config),
    async openEventLog(config) {
      const { connectEventStoreDb } = await import('../eventstoredb/eventStoreDbEventStore.js');
      return connectEventStoreDb(config.eventStoreUrl);
    },
    async openScheduler({ mongoUrl }, { table, ...options }) {
      if (!mongoUrl) throw new Error('The eventstoredb scheduler needs the MongoDB URL');
      // Loaded on demand, so the other profiles never load the MongoDB backend.
      const { mongoAgendaBackend } = await import('../agenda/mongoAgendaBackend.js');
      return new AgendaScheduler(mongoAgendaBackend(mongoUrl, { collection: table }), options);
    },
  },
};

/** The profile's event store and read models, events as stored (the composition adds upcasting). */
export function openStorage(config: Config, tuning: StorageTuning = {}): Promise<Storage> {
  return STORAGE_PROFILES[config.profile].openStorage(config, tuning);
}

/** Only the profile's event store, events as stored; closing it closes its connection. */
export function openEventLog(config: Config): Promise<EventStore> {
  return STORAGE_PROFILES[config.profile].openEventLog(config);
}

/** The Agenda scheduler of a storage profile, on the connection `handles` names. */
export function openScheduler(profile: Profile, handles: SchedulerHandles, options: OpenSchedulerOptions = {}): Promise<AgendaScheduler> {
  return STORAGE_PROFILES[profile].openScheduler(handles, options);
}

async function sqlStorage(profile: Profile, sql: SqlClient, schedulerHandles: SchedulerHandles, schema: string, tuning: StorageTuning): Promise<Storage> {
  try {
    const polling = tuning.pollIntervalMs === undefined ? {} : { pollIntervalMs: tuning.pollIntervalMs };
    const eventStore = await PostgresEventStore.create(sql, { schema, ownsClient: false, ...polling });
    // Each projection's collection in a partition of its own, so a rebuild switches it in without copying it.
    const collections = PROJECTIONS.flatMap((projection) => projection.collections);
    const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false, collections });
    return { profile, eventStore, readModels, schedulerHandles, sql, close: () => sql.close() };
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}

async function sqlEventLog(sql: SqlClient, schema: string): Promise<EventStore> {
  try {
    return await PostgresEventStore.create(sql, { schema, ownsClient: true });
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

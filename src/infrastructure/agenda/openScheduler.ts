import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Profile } from '../config/config.js';
import { AgendaScheduler, type AgendaSchedulerOptions } from './agendaScheduler.js';
import { pgliteAgendaBackend, postgresAgendaBackend } from './postgresAgendaBackend.js';

/** What each profile's scheduler is opened on: the storage's own connection where there is one. */
export interface SchedulerHandles {
  /** embedded: the PGlite instance of the storage (PgliteSqlClient.db). */
  pglite?: PGlite;
  /** postgres: the pool of the storage (PgSqlClient.pool). */
  pool?: pg.Pool;
  /** eventstoredb: where MongoDB is; the scheduler opens and closes its own client. */
  mongoUrl?: string;
}

export interface OpenSchedulerOptions extends AgendaSchedulerOptions {
  /** PostgreSQL table / MongoDB collection of the jobs. */
  table?: string;
}

/** The Agenda scheduler of a storage profile; call start() to work on jobs and stop() to end. */
export async function openScheduler(
  profile: Profile,
  handles: SchedulerHandles,
  options: OpenSchedulerOptions = {},
): Promise<AgendaScheduler> {
  const { table, ...schedulerOptions } = options;
  switch (profile) {
    case 'embedded':
      if (!handles.pglite) throw new Error('The embedded scheduler needs the PGlite instance of the storage');
      return new AgendaScheduler(pgliteAgendaBackend(handles.pglite, { tableName: table }), schedulerOptions);
    case 'postgres':
      if (!handles.pool) throw new Error('The postgres scheduler needs the pg Pool of the storage');
      return new AgendaScheduler(postgresAgendaBackend(handles.pool, { tableName: table }), schedulerOptions);
    case 'eventstoredb': {
      if (!handles.mongoUrl) throw new Error('The eventstoredb scheduler needs the MongoDB URL');
      // Loaded on demand, so the other profiles never load the MongoDB backend.
      const { mongoAgendaBackend } = await import('./mongoAgendaBackend.js');
      return new AgendaScheduler(mongoAgendaBackend(handles.mongoUrl, { collection: table }), schedulerOptions);
    }
  }
}

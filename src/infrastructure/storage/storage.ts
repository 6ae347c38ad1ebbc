import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import type { SqlClient } from '../postgres/sqlClient.js';

/** The stores of one profile, opened together and closed together. */
export interface Storage {
  readonly profile: string;
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  /** The profile's connection the job scheduler shares (absent in tests that need no jobs). */
  readonly schedulerHandles?: SchedulerHandles;
  /** The SQL connection both stores use, on the postgres and embedded profiles (benchmarks load and analyse through it). */
  readonly sql?: SqlClient;
  close(): Promise<void>;
}

/** What each profile's scheduler is opened on: the storage's own connection where there is one. */
export interface SchedulerHandles {
  /** embedded: the PGlite instance of the storage (PgliteSqlClient.db). */
  pglite?: PGlite;
  /** postgres: the pool of the storage (PgSqlClient.pool). */
  pool?: pg.Pool;
  /** eventstoredb: where MongoDB is; the scheduler opens and closes its own client. */
  mongoUrl?: string;
}

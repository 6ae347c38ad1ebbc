import type { PGlite } from '@electric-sql/pglite';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { AgendaBackend } from 'agenda';
import type pg from 'pg';
import { ExtendedBackend } from './backend.js';

export interface PostgresAgendaOptions {
  /** Table of the jobs, in the pool's search_path (default `agenda_jobs`). */
  tableName?: string;
  /** LISTEN/NOTIFY channel (default: the table name); ignored when notifications are off. */
  channelName?: string;
  /** Wakes other workers at once when a job is saved (default true); polling alone still works. */
  notifications?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Agenda on PostgreSQL, on the application's pool (Agenda never closes it). */
export function postgresAgendaBackend(pool: pg.Pool, options: PostgresAgendaOptions = {}): AgendaBackend {
  return sqlBackend(pool, options.notifications ?? true, options, true);
}

/**
 * Agenda on the embedded PGlite, through a pool-shaped wrapper: PGlite is one connection in this
 * process, so there is nobody to notify and no pool to share.
 */
export function pgliteAgendaBackend(db: PGlite, options: Omit<PostgresAgendaOptions, 'notifications' | 'channelName'> = {}): AgendaBackend {
  return sqlBackend(new PglitePool(db) as unknown as pg.Pool, false, options, false);
}

function sqlBackend(
  pool: pg.Pool,
  notifications: boolean,
  options: PostgresAgendaOptions,
  serializeSchemaCreation: boolean,
): AgendaBackend {
  const tableName = options.tableName ?? 'agenda_jobs';
  // The backend quotes the name as one identifier, but also builds a trigger function name from it unquoted.
  if (!IDENTIFIER.test(tableName)) throw new Error(`Agenda table name must be a lower-case SQL identifier, got "${tableName}"`);
  const inner = new PostgresBackend({
    pool,
    tableName,
    channelName: options.channelName ?? tableName,
    disableNotifications: !notifications,
  });
  // The LISTEN connection re-emits its errors and reconnects by itself; unheard, a lost database would crash the process.
  (inner.notificationChannel as { on?(event: 'error', listener: () => void): unknown } | undefined)?.on?.('error', () => undefined);
  const createUniqueIndex = async () => {
    // One job per (name, key), enforced by the database: Agenda's own unique upsert is a SELECT then
    // an INSERT, so two processes creating the same job at once would otherwise both insert.
    await pool.query(`CREATE UNIQUE INDEX IF NOT EXISTS "${tableName}_name_key_idx" ON "${tableName}" (name, (data->>'key'))`);
  };
  return new ExtendedBackend(inner, {
    afterConnect: createUniqueIndex,
    aroundConnect: serializeSchemaCreation ? (connect) => withSchemaLock(pool, tableName, connect) : undefined,
  });
}

/**
 * Agenda creates its table, indexes and trigger on connect with IF NOT EXISTS / OR REPLACE, which still
 * fail when two processes run them at the same moment (duplicate pg_type, tuple concurrently updated).
 * A session advisory lock, held on a connection of its own, makes them take turns.
 */
async function withSchemaLock<T>(pool: pg.Pool, tableName: string, work: () => Promise<T>): Promise<T> {
  // The work needs a second connection of the pool: with a one-connection pool, go without the lock.
  if ((pool.options?.max ?? 10) < 2) return work();
  const client = await pool.connect();
  const lock = [`agenda-schema:${tableName}`];
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext(current_schema() || $1))', lock);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext(current_schema() || $1))', lock).catch((error: Error) => {
        broken = error; // the connection is dropped below, which releases the lock as well
      });
    }
  } finally {
    client.release(broken);
  }
}

interface PoolResult {
  rows: unknown[];
  rowCount: number;
}

/** Just what the Agenda PostgreSQL backend calls on a pg Pool and its clients. */
export class PglitePool {
  constructor(private readonly db: PGlite) {}

  async query(text: string, params?: unknown[]): Promise<PoolResult> {
    if (!params || params.length === 0) {
      // The backend sends some multi-statement scripts (its trigger); only exec takes those.
      const results = await this.db.exec(text);
      const last = results.at(-1);
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? last?.affectedRows ?? last?.rows.length ?? 0 };
    }
    const result = await this.db.query(text, params);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
  }

  async connect(): Promise<{ query: PglitePool['query']; release: () => void; on: () => unknown }> {
    const client = {
      query: (text: string, params?: unknown[]) => this.query(text, params),
      release: () => undefined,
      on: () => client,
    };
    return client;
  }

  on(): this {
    return this;
  }

  /** The PGlite instance belongs to the storage; closing it is the storage's job. */
  async end(): Promise<void> {}
}

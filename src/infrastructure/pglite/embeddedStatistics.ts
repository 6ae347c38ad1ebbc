import type { SqlClient } from '../postgres/sqlClient.js';

/** How often the embedded database looks for tables whose statistics are out of date. */
const CHECK_EVERY_MS = 60_000;
/** The first look soon after opening: a database left by a process that stopped before analysing gets its statistics. */
const FIRST_CHECK_AFTER_MS = 5_000;

// PostgreSQL's autovacuum analyses a table once 50 rows + 10 % of it changed; PGlite runs no autovacuum, so the same rule runs here.
const STALE_TABLES = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS name
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE c.reltuples < 0 OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`;

/** Analyses every table never analysed or changed by more than autovacuum's threshold since; answers their names. */
export async function analyzeStaleTables(sql: Pick<SqlClient, 'query' | 'exec'>): Promise<string[]> {
  // Counts of changes reach pg_stat_user_tables at most once a second; the look must see this session's too.
  await sql.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await sql.query<{ name: string }>(STALE_TABLES);
  for (const { name } of rows) await sql.exec(`ANALYZE ${name}`);
  return rows.map((row) => row.name);
}

/**
 * Keeps the planner's statistics of an embedded database current (the read models' filters are estimated from them:
 * without, deep pages of long lists sort the whole collection). Answers the stop, to call before closing.
 */
export function keepStatistics(sql: Pick<SqlClient, 'query' | 'exec'>, { everyMs = CHECK_EVERY_MS, firstAfterMs = FIRST_CHECK_AFTER_MS } = {}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = (after: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      // A failed look (the database closing, a statement in the way) is tried again at the next one.
      running = analyzeStaleTables(sql).catch(() => undefined).finally(() => check(everyMs));
    }, after);
    // It never keeps the process alive on its own.
    timer.unref();
  };
  check(firstAfterMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

// Which storage profile a benchmark runs on (`--profile embedded|postgres|both`, default postgres), and the
// throwaway store of one run: a database of its own on the local PostgreSQL, or PGlite in a temporary directory.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedDatabase } from '../../src/infrastructure/pglite/embeddedDatabase.js';
import { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';
import { createBenchDatabase } from './benchDatabase.js';

export type BenchProfile = 'postgres' | 'embedded';

/** The profiles named by `--profile` (`both`: postgres, then embedded, so their ratio comes from one run). */
export function benchProfiles(argv: readonly string[] = process.argv): BenchProfile[] {
  const at = argv.indexOf('--profile');
  const named = argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length) ?? (at >= 0 ? argv[at + 1] : 'postgres');
  if (named === 'both') return ['postgres', 'embedded'];
  if (named === 'postgres' || named === 'embedded') return [named];
  throw new Error(`--profile must be embedded, postgres or both, got "${named}"`);
}

/** Where a benchmark's synchub keeps its data; passed to child processes as BENCH_PROFILE, BENCH_DATABASE_URL, BENCH_DATA_DIR. */
export interface BenchTarget {
  profile: BenchProfile;
  /** postgres: the throwaway database. */
  databaseUrl?: string;
  /** embedded: the temporary data directory (PGlite in `<dir>/pglite`, as the service keeps it). */
  dataDir?: string;
}

export interface BenchStore extends BenchTarget {
  /** The environment a child process reads its target from (benchTargetFromEnv). */
  env: Record<string, string>;
  /** A connection of the profile's kind, opened as the service opens it (one process at a time on embedded). */
  openSql(): Promise<SqlClient>;
  /** Drops the database or removes the directory. */
  drop(): Promise<void>;
}

export async function createBenchStore(profile: BenchProfile, prefix: string): Promise<BenchStore> {
  if (profile === 'postgres') {
    const database = await createBenchDatabase(prefix);
    return {
      profile,
      databaseUrl: database.url,
      env: { BENCH_PROFILE: profile, BENCH_DATABASE_URL: database.url },
      openSql: async () => PgSqlClient.connect(database.url, { max: 4 }),
      drop: () => database.drop(),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), `synchub-bench-${prefix}-`));
  const init = fork(new URL('./embeddedInitProcess.js', import.meta.url), { env: { ...process.env, BENCH_DATA_DIR: dataDir }, stdio: 'inherit' });
  const [code] = await once(init, 'exit');
  if (code !== 0) throw new Error(`the embedded database in ${dataDir} could not be created (exit ${code})`);
  return {
    profile,
    dataDir,
    env: { BENCH_PROFILE: profile, BENCH_DATA_DIR: dataDir },
    openSql: async () => (await openEmbeddedDatabase(dataDir)).sql,
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export function benchTargetFromEnv(env: NodeJS.ProcessEnv = process.env): BenchTarget {
  const profile = (env.BENCH_PROFILE ?? 'postgres') as BenchProfile;
  return { profile, databaseUrl: env.BENCH_DATABASE_URL, dataDir: env.BENCH_DATA_DIR };
}

// The real synchub process (dist/src/interfaces/main.js) on a PostgreSQL database of its own, for tests that kill it,
// starve it of its database or read what it logged.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { startNode, type RunningChild } from './childProcess.js';
import { testDatabaseUrl, uniqueSchema } from './databases.js';
import { LOCAL_PLATFORM_HOSTS } from './localPlatforms.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '../../src/interfaces/main.js');

export const PROCESS_ADMIN_TOKEN = 'reliability-admin-token-0123456789abcdef';
/** SYNCHUB_SECRET_KEY of every test process: a test asserts that neither it nor the credentials it seals are logged. */
export const PROCESS_SECRET_KEY = 'ab'.repeat(32);

export interface SynchubProcess {
  process: RunningChild;
  port: number;
  call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSynchubProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<SynchubProcess> {
  const process = startNode(main, {
    PORT: '0',
    SYNCHUB_PROFILE: 'postgres',
    DATABASE_URL: databaseUrl,
    SYNCHUB_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
    SYNCHUB_SECRET_KEY: PROCESS_SECRET_KEY,
    SYNCHUB_ALLOWED_PRIVATE_HOSTS: LOCAL_PLATFORM_HOSTS,
    LOG_LEVEL: 'info',
    ...env,
  });
  const { port } = JSON.parse(await process.waitForLine(/synchub listening/, 30_000)) as { port: number };
  return {
    process,
    port,
    async call(method, path, body, token = PROCESS_ADMIN_TOKEN) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: the caller sees the text.
      }
      return { status: response.status, body: parsed as never };
    },
    async kill() {
      if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
      await process.exited;
    },
    async stop() {
      if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGTERM');
      await process.exited;
    },
  };
}

/** A PostgreSQL database of its own (the process puts its tables in schema `synchub`), dropped afterwards. */
export function freshDatabase(prefix = 'synchub_rel', serverUrl = testDatabaseUrl) {
  const name = uniqueSchema(prefix);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let admin: PgSqlClient | undefined;
  return {
    name,
    url: url.toString(),
    async create() {
      admin = PgSqlClient.connect(serverUrl, { max: 1 });
      await admin.exec(`CREATE DATABASE ${name}`);
    },
    /** A client on this database, for reading what the process stored. */
    connect: (max = 2) => PgSqlClient.connect(url.toString(), { max }),
    async drop() {
      await admin?.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin?.close();
      admin = undefined;
    },
  };
}

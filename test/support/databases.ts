import { randomBytes } from 'node:crypto';
import { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { PgliteSqlClient } from '../../src/infrastructure/pglite/pgliteSqlClient.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';

/** The PostgreSQL every development and CI machine runs on 127.0.0.1 (trust auth, database `test`). */
export const testDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own per test, so runs never see each other's rows. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(sql: SqlClient, schema: string): Promise<void> {
  await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

export function connectTestPostgres(max = 12): PgSqlClient {
  return PgSqlClient.connect(testDatabaseUrl, { max });
}

let sharedPglite: Promise<PgliteSqlClient> | undefined;

/** One in-memory PGlite for the whole run: a cold start takes seconds, schemas keep tests apart. */
export function sharedInMemoryPglite(): Promise<PgliteSqlClient> {
  sharedPglite ??= PgliteSqlClient.open();
  return sharedPglite;
}

/** A client whose close() leaves the shared instance open for the next test. */
export function unclosable(sql: SqlClient): SqlClient {
  return {
    query: (text, params) => sql.query(text, params),
    exec: (text) => sql.exec(text),
    transaction: (work) => sql.transaction(work),
    close: async () => undefined,
  };
}

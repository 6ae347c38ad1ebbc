// synchub as the service wires it on the postgres profile (event store, read models, projections, HTTP API),
// started inside a benchmark process so its memory and timings are the benchmark's own.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedAdminToken } from '../../src/application/accessTokens/seedAdminToken.js';
import type { PlatformClients } from '../../src/application/ports/platformClient.js';
import { ProjectionRunner, allApplied } from '../../src/application/projections/projectionRunner.js';
import { PROJECTIONS } from '../../src/application/projections/projections.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';
import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import { AesGcmSecrets } from '../../src/infrastructure/secrets/aesGcmSecrets.js';
import { createApp } from '../../src/interfaces/http/app.js';
import { callApi } from '../../test/support/apiCall.js';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface SynchubService {
  base: string;
  eventStore: PostgresEventStore;
  sql: PgSqlClient;
  runners: ProjectionRunner[];
  call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Resolves when every background sync started so far has ended. */
  syncsDone(): Promise<void>;
  /** Resolves once every read model includes everything appended so far. */
  caughtUp(): Promise<number>;
  lastPosition(): Promise<number>;
  close(): Promise<void>;
}

export async function startSynchubService(
  databaseUrl: string,
  options: { platforms?: PlatformClients; projections?: boolean; poolSize?: number } = {},
): Promise<SynchubService> {
  const sql = PgSqlClient.connect(databaseUrl, { max: options.poolSize ?? 12 });
  const schema = 'synchub';
  const eventStore = await PostgresEventStore.create(sql, { schema, ownsClient: false });
  const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
  // Errors only, to stderr: a projection that stops must not look like a slow one.
  const errors = createLogger('error', { write: (line: string) => void process.stderr.write(line) });
  const runners = PROJECTIONS.map((projection) => new ProjectionRunner(eventStore, readModels, projection, { logger: errors }));
  if (options.projections !== false) await Promise.all(runners.map((runner) => runner.start()));
  const readModelsApplied = (position: number) => allApplied(runners, position, 30_000);
  const seeded = await seedAdminToken(eventStore, BENCH_ADMIN_TOKEN);
  if (seeded.position !== undefined && options.projections !== false) await readModelsApplied(seeded.position);

  const work = new Set<Promise<void>>();
  // Logs go nowhere: a benchmark measures the work, not the terminal.
  const logger = createLogger('warn', { write: () => undefined });
  const sync = {
    secrets: new AesGcmSecrets(Buffer.alloc(32, 7)),
    platforms: options.platforms ?? new PlatformAdapters(),
    clock: () => new Date(),
    track: (promise: Promise<void>) => {
      work.add(promise);
      void promise.finally(() => work.delete(promise));
    },
  };
  const app = createApp({
    storage: { profile: 'postgres', eventStore, readModels, close: async () => undefined },
    logger,
    isShuttingDown: () => false,
    readModelsApplied,
    sync,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const lastPosition = async () => {
    const { rows } = await sql.query<{ position: string | null }>(`SELECT max(position) AS position FROM "${schema}".events`);
    return Number(rows[0]?.position ?? 0);
  };
  return {
    base,
    eventStore,
    sql,
    runners,
    call: (method, path, body) => callApi(base, BENCH_ADMIN_TOKEN, method, path, body),
    async syncsDone() {
      while (work.size > 0) await Promise.all(work);
    },
    async caughtUp() {
      const position = await lastPosition();
      while (!(await allApplied(runners, position, 10_000))) {
        // still behind: say which read models lag, and keep waiting (the benchmark's own deadline bounds this)
        const behind = [];
        for (const runner of runners) if (!(await runner.waitUntilApplied(position, 1))) behind.push(runner.projection.name);
        console.error(`waiting for read models to reach position ${position}: ${behind.join(', ')}`);
      }
      return position;
    },
    lastPosition,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled(work);
      await Promise.all(runners.map((runner) => runner.stop()));
      await sql.close();
    },
  };
}

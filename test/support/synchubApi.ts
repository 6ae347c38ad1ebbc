import { expect } from 'chai';
import { logSpan } from '../../src/application/admin/logSpan.js';
import type { ImportDependencies } from '../../src/application/import/importDependencies.js';
import type { EventStore } from '../../src/application/ports/eventStore.js';
import type { PlatformClients } from '../../src/application/ports/platformClient.js';
import type { ReadModels } from '../../src/application/ports/readModels.js';
import type { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { compose } from '../../src/infrastructure/composition/compose.js';
import { loadConfig } from '../../src/infrastructure/config/config.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { SynchubService, type ConnectionLimits } from '../../src/interfaces/synchubService.js';
import { connectTestPostgres, dropSchema, testDatabaseUrl, uniqueSchema } from './databases.js';
import { callApi, nextPageOf } from './apiCall.js';
import { LOCAL_PLATFORM_HOSTS } from './localPlatforms.js';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
/** SYNCHUB_SECRET_KEY of every test API. */
const SECRET_KEY = '07'.repeat(32);

export interface SynchubApi {
  base: string;
  /** The PostgreSQL schema of its events and read models (for the CLI run alongside it). */
  schema: string;
  /** The store itself, as written: a test may append events of an older shape here. */
  eventStore: EventStore;
  /** The store as the service reads it (upcast to the current shapes). */
  store: EventStore;
  readModels: ReadModels;
  /** The service's read-model runners, for tests that stop one. */
  projections: readonly ProjectionRunner[];
  logLines: string[];
  /** What application services need, for tests that drive an automation directly. */
  deps: ImportDependencies;
  call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; headers: Headers }>;
  /** Resolves when every sync run started so far has ended. */
  syncsDone(): Promise<void>;
  /** Every page of a list route, e.g. `/v1/orders?store=integrations`. */
  all(path: string): Promise<any[]>;
  /** Runs one sync of the integration through the API to its end and answers its report. */
  sync(integrationId: string, body?: { from?: string }): Promise<any>;
  close(): Promise<void>;
}

/** The service over real PostgreSQL (a schema of its own), composed as the process composes it, listening on 127.0.0.1. */
export async function startSynchubApi(
  options: {
    platforms?: PlatformClients;
    automations?: boolean;
    /** Shorter default intervals of automations, by name, for tests of the schedule. */
    defaultIntervalsMs?: Record<string, number>;
    /** More settings, as environment variables. */
    env?: Record<string, string>;
    limits?: ConnectionLimits;
  } = {},
): Promise<SynchubApi> {
  const schema = uniqueSchema('e2e');
  const jobsTable = `jobs_${schema}`;
  const logLines: string[] = [];
  const config = loadConfig({
    SYNCHUB_PROFILE: 'postgres',
    DATABASE_URL: testDatabaseUrl,
    SYNCHUB_PG_SCHEMA: schema,
    SYNCHUB_ADMIN_TOKEN: ADMIN_TOKEN,
    SYNCHUB_SECRET_KEY: SECRET_KEY,
    // The simulators listen on 127.0.0.1; the API's own port stays refused.
    SYNCHUB_ALLOWED_PRIVATE_HOSTS: LOCAL_PLATFORM_HOSTS,
    ...options.env,
  });
  const synchub = await compose(config, {
    logger: createLogger('info', { write: (line: string) => void logLines.push(line) }),
    platforms: options.platforms,
    storage: { poolSize: 12, pollIntervalMs: 50 },
    // Real Agenda on the same PostgreSQL, with a jobs table of this test's own.
    automations: options.automations ? { table: jobsTable, processEveryMs: 150, name: 'e2e', defaultIntervalsMs: options.defaultIntervalsMs } : false,
    readModelsWaitMs: 10_000,
  });
  const service = new SynchubService(synchub);
  const base = `http://127.0.0.1:${await service.start({ host: '127.0.0.1', port: 0, limits: options.limits })}`;
  const eventStore = synchub.storedEvents;
  const api: SynchubApi = {
    base,
    schema,
    eventStore,
    store: synchub.storage.eventStore,
    readModels: synchub.storage.readModels,
    projections: synchub.projections,
    logLines,
    deps: synchub.deps,
    call: (method, path, body, token = ADMIN_TOKEN) => callApi(base, token, method, path, body),
    async syncsDone() {
      await synchub.work.done();
      await synchub.readModelsApplied((await logSpan(eventStore)).head);
    },
    async all(path) {
      // Walked as a client would: by the Link of each page, which carries the next cursor and the filters.
      const items: any[] = [];
      for (let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}limit=100`; next !== undefined; ) {
        const { status, body, headers }: { status: number; body: any; headers: Headers } = await api.call('GET', next);
        expect(status, JSON.stringify(body)).to.equal(200);
        items.push(...body.items);
        next = nextPageOf(headers.get('link'));
        expect(next === undefined, `Link ${headers.get('link')} beside nextCursor ${body.nextCursor}`).to.equal(body.nextCursor === null);
      }
      return items;
    },
    async sync(integrationId, body) {
      const started = await api.call('POST', `/v1/integrations/${integrationId}/sync`, body);
      expect(started.status, JSON.stringify(started.body)).to.equal(202);
      await api.syncsDone();
      const run = await api.call('GET', `/v1/sync-runs/${started.body.runId}`);
      expect(run.status).to.equal(200);
      return run.body;
    },
    async close() {
      await service.stop();
      const sql = connectTestPostgres(1);
      try {
        if (options.automations) await sql.exec(`DROP TABLE IF EXISTS "${jobsTable}" CASCADE; DROP FUNCTION IF EXISTS update_${jobsTable}_updated_at()`);
        await dropSchema(sql, schema);
      } finally {
        await sql.close();
      }
    },
  };
  return api;
}

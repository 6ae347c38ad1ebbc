import { once } from 'node:events';
import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedAdminToken } from '../../src/application/accessTokens/seedAdminToken.js';
import type { ImportDependencies } from '../../src/application/import/importDependencies.js';
import type { PlatformClients } from '../../src/application/ports/platformClient.js';
import { allApplied, ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { AutomationControls, defineAutomationJobs } from '../../src/application/automations/automationControls.js';
import { openScheduler } from '../../src/infrastructure/composition/storageProfiles.js';
import { PROJECTIONS } from '../../src/application/projections/projections.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import type { EventStore } from '../../src/application/ports/eventStore.js';
import { upcasting } from '../../src/application/upcasting/upcastingEventStore.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import { AesGcmSecrets } from '../../src/infrastructure/secrets/aesGcmSecrets.js';
import { createApp } from '../../src/interfaces/http/app.js';
import { connectTestPostgres, dropSchema, uniqueSchema } from './databases.js';
import { callApi } from './apiCall.js';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface SynchubApi {
  base: string;
  /** The store itself, as written: a test may append events of an older shape here. */
  eventStore: PostgresEventStore;
  /** The store as the service reads it (upcast to the current shapes). */
  store: EventStore;
  readModels: PostgresReadModels;
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

/** The whole HTTP API over real PostgreSQL (a schema of its own), as the service wires it. */
export async function startSynchubApi(options: { platforms?: PlatformClients; automations?: boolean } = {}): Promise<SynchubApi> {
  const sql = connectTestPostgres();
  const schema = uniqueSchema('e2e');
  const eventStore = await PostgresEventStore.create(sql, { schema, ownsClient: false, pollIntervalMs: 50 });
  // As the composition root wires it: every reader sees events upcast to the current shapes.
  const store = upcasting(eventStore);
  const readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
  const runners = PROJECTIONS.map((projection) => new ProjectionRunner(store, readModels, projection));
  await Promise.all(runners.map((runner) => runner.start()));
  const readModelsApplied = (position: number) => allApplied(runners, position, 10_000);
  const seeded = await seedAdminToken(store, ADMIN_TOKEN);
  if (seeded.position !== undefined) await readModelsApplied(seeded.position);

  const logLines: string[] = [];
  const work = new Set<Promise<void>>();
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const sync = {
    secrets: new AesGcmSecrets(Buffer.alloc(32, 7)),
    platforms: options.platforms ?? new PlatformAdapters(),
    clock: () => new Date(),
    track: (promise: Promise<void>) => void work.add(promise),
  };
  const deps = { store, readModels, logger, ...sync };
  // Real Agenda on the same PostgreSQL, with a jobs table of this test's own.
  const jobsTable = `jobs_${schema}`;
  const scheduler = options.automations
    ? await openScheduler('postgres', { pool: sql.pool }, { table: jobsTable, processEveryMs: 150, name: 'e2e' })
    : undefined;
  const automations = scheduler ? new AutomationControls(deps, scheduler) : undefined;
  if (scheduler) {
    defineAutomationJobs(scheduler, deps);
    await scheduler.start();
  }
  const app = createApp({
    storage: { profile: 'postgres', eventStore: store, readModels, close: async () => undefined },
    logger,
    isShuttingDown: () => false,
    readModelsApplied,
    automations,
    sync,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: SynchubApi = {
    base,
    eventStore,
    store,
    readModels,
    logLines,
    deps,
    call: (method, path, body, token = ADMIN_TOKEN) => callApi(base, token, method, path, body),
    async syncsDone() {
      await Promise.all(work);
      await readModelsApplied(await lastPosition(eventStore));
    },
    async all(path) {
      const items: any[] = [];
      for (let page = 1; ; page++) {
        const { status, body } = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&limit=100`);
        expect(status, JSON.stringify(body)).to.equal(200);
        items.push(...body.items);
        if (items.length >= body.total) return items;
      }
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler?.stop();
      await Promise.allSettled(work);
      await Promise.all(runners.map((runner) => runner.stop()));
      if (scheduler) await sql.exec(`DROP TABLE IF EXISTS "${jobsTable}" CASCADE; DROP FUNCTION IF EXISTS update_${jobsTable}_updated_at()`);
      await dropSchema(sql, schema);
      await sql.close();
    },
  };
  return api;
}

async function lastPosition(store: PostgresEventStore): Promise<number> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) return after;
    after = page[page.length - 1].position;
  }
}

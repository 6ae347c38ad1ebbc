// synchub as the service composes it on the benchmark's profile (upcast event store, read models, projections, jobs,
// metrics, HTTP API), started inside a benchmark process so its memory and timings are the benchmark's own.
import { logSpan } from '../../src/application/admin/logSpan.js';
import type { PlatformClients } from '../../src/application/ports/platformClient.js';
import { allApplied } from '../../src/application/projections/projectionRunner.js';
import { compose } from '../../src/infrastructure/composition/compose.js';
import { loadConfig } from '../../src/infrastructure/config/config.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';
import { SynchubService } from '../../src/interfaces/synchubService.js';
import { callApi } from '../../test/support/apiCall.js';
import type { BenchTarget } from './benchProfile.js';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface BenchSynchub {
  base: string;
  /** The connection the service's stores use, for loading events in bulk and analysing. */
  sql: SqlClient;
  call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Resolves when every background sync started so far has ended. */
  syncsDone(): Promise<void>;
  /** Resolves once every read model includes everything appended so far. */
  caughtUp(): Promise<number>;
  lastPosition(): Promise<number>;
  /** embedded: the size of PGlite's WASM memory, which grows and never shrinks (part of the process's RSS). */
  pgliteMemoryBytes(): number | undefined;
  close(): Promise<void>;
}

/** The service's configuration on the target's profile: its database or data directory, schema synchub. */
export function benchConfig(target: BenchTarget) {
  return loadConfig({
    SYNCHUB_PROFILE: target.profile,
    DATABASE_URL: target.databaseUrl,
    SYNCHUB_DATA_DIR: target.dataDir,
    SYNCHUB_PG_SCHEMA: 'synchub',
    SYNCHUB_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    SYNCHUB_SECRET_KEY: '07'.repeat(32),
    // The KeyCRM simulator listens on 127.0.0.1.
    SYNCHUB_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
  });
}

export async function startSynchubService(target: BenchTarget, options: { platforms?: PlatformClients } = {}): Promise<BenchSynchub> {
  const synchub = await compose(benchConfig(target), {
    // Errors only, to stderr: a projection that stops must not look like a slow one, and a benchmark measures the work, not the terminal.
    logger: createLogger('error', { write: (line: string) => void process.stderr.write(line) }),
    platforms: options.platforms,
    storage: { poolSize: 12 },
    readModelsWaitMs: 30_000,
  });
  const service = new SynchubService(synchub);
  const base = `http://127.0.0.1:${await service.start({ host: '127.0.0.1', port: 0 })}`;
  const runners = synchub.projections;
  const lastPosition = async () => (await logSpan(synchub.storedEvents)).head;
  return {
    base,
    sql: synchub.storage.sql!,
    call: (method, path, body) => callApi(base, BENCH_ADMIN_TOKEN, method, path, body),
    syncsDone: () => synchub.work.done(),
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
    // PGlite keeps its Emscripten module protected; a benchmark may look at its heap.
    pgliteMemoryBytes: () => (synchub.storage.schedulerHandles?.pglite as unknown as { mod?: { HEAPU8: Uint8Array } } | undefined)?.mod?.HEAPU8.byteLength,
    close: () => service.stop(),
  };
}

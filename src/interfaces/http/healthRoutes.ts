import { Router } from 'express';
import type { ProjectionStatus } from '../../application/projections/projectionRunner.js';
import type { Storage } from '../../infrastructure/storage/storage.js';

/** How long /ready waits for a store before calling it down. */
const READY_TIMEOUT_MS = 2000;

export function healthRoutes(storage: Storage, isShuttingDown: () => boolean, projectionStatus: () => ProjectionStatus[] = () => []): Router {
  const router = Router();

  // Liveness: the process answers; it says nothing about the stores.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: every store answers in time and the process is not draining for shutdown.
  router.get('/ready', async (_req, res) => {
    const [eventStore, readModels] = await Promise.all([
      probe(() => storage.eventStore.ping()),
      probe(() => storage.readModels.ping()),
    ]);
    // A read model that stopped following the log answers stale data: not ready until it follows again.
    const behind = projectionStatus().filter((status) => status.state === 'retrying');
    const ready = eventStore === 'up' && readModels === 'up' && behind.length === 0 && !isShuttingDown();
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      profile: storage.profile,
      checks: { eventStore, readModels, projectionsRetrying: behind.map(({ projection, lastError }) => ({ projection, lastError })), shuttingDown: isShuttingDown() },
    });
  });
  return router;
}

async function probe(ping: () => Promise<void>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => (timer = setTimeout(() => resolve('down'), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([ping().then(() => 'up' as const, () => 'down' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

import { syncRunDecider, syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import { InvalidStateError } from '../../domain/shared/errors.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from './importDependencies.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../projections/syncRunsProjection.js';

/** A live run records every page; one silent this long was cut short (its process stopped), even behind slow retries. */
export const STALLED_AFTER_MS = 30 * 60_000;

/**
 * Closes the integration's runs left "running" by a process that died, so the report tells the truth. Nothing
 * is lost: their cursor never moved, and the next run re-reads their window.
 */
export async function closeStalledSyncRuns(deps: ImportDependencies, integrationId: string): Promise<number> {
  const running = await deps.readModels.find<SyncRunDocument>(SYNC_RUNS_COLLECTION, { where: { integrationId, status: 'running' }, limit: 50 });
  let closed = 0;
  for (const run of running) {
    const stream = syncRunStream(run.id);
    const history = await deps.store.readStream(stream);
    const last = history.at(-1);
    const now = deps.clock();
    if (!last || now.getTime() - last.recordedAt.getTime() < STALLED_AFTER_MS) continue;
    const silentMinutes = Math.round((now.getTime() - last.recordedAt.getTime()) / 60_000);
    const { newEvents } = await handleCommand(
      deps.store,
      syncRunDecider,
      stream,
      { type: 'FailSyncRun', data: { error: `interrupted: no progress for ${silentMinutes} minutes (the process running it stopped); its window is read again`, at: now.toISOString() } },
      { history },
    ).catch((error: unknown) => {
      // Ended meanwhile by its own process after all: nothing to close.
      if (error instanceof InvalidStateError) return { newEvents: [] };
      throw error;
    });
    closed += newEvents.length > 0 ? 1 : 0;
  }
  return closed;
}

import { syncRunDecider, syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import type { RunOwner, SyncRunStarted } from '../../domain/syncRun/syncRunEvents.js';
import { InvalidStateError } from '../../domain/shared/errors.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ImportDependencies } from './importDependencies.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../projections/syncRunsProjection.js';

/** A live run records every page; one silent this long was cut short (its process stopped), even behind slow retries. */
export const STALLED_AFTER_MS = 30 * 60_000;

/** What a report says of a run whose process is gone. */
export const PROCESS_STOPPED = 'the process running it stopped';

/**
 * Closes the integration's runs left "running" by a process that died, so the report tells the truth. Nothing
 * is lost: their cursor never moved, and the next run re-reads their window.
 */
export async function closeStalledSyncRuns(deps: ImportDependencies, integrationId: string): Promise<number> {
  return closeRuns(deps, { integrationId, status: 'running' });
}

/** At a process's start: every run of any integration whose owner is gone (or silent past the bound) is recorded as failed. */
export async function closeOrphanedSyncRuns(deps: ImportDependencies): Promise<number> {
  return closeRuns(deps, { status: 'running' });
}

async function closeRuns(deps: ImportDependencies, where: Record<string, string>): Promise<number> {
  const running = await deps.readModels.find<SyncRunDocument>(SYNC_RUNS_COLLECTION, { where, limit: 500 });
  let closed = 0;
  for (const run of running) {
    const stream = syncRunStream(run.id);
    const history = await deps.store.readStream(stream);
    const why = whyInterrupted(deps, history);
    if (!why) continue;
    const { newEvents } = await handleCommand(
      deps.store,
      syncRunDecider,
      stream,
      { type: 'FailSyncRun', data: { error: `interrupted: ${why}; its window is read again`, at: deps.clock().toISOString() } },
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

/** Why the run cannot be running any more, or undefined while it may be. */
function whyInterrupted(deps: ImportDependencies, history: RecordedEvent[]): string | undefined {
  const last = history.at(-1);
  if (!last) return undefined;
  const owner = (history[0]?.data as SyncRunStarted['data'] | undefined)?.owner;
  if (owner && ownerIsGone(deps, owner)) return PROCESS_STOPPED;
  const silentMs = deps.clock().getTime() - last.recordedAt.getTime();
  if (silentMs >= STALLED_AFTER_MS) return `no progress for ${Math.round(silentMs / 60_000)} minutes (${PROCESS_STOPPED})`;
  return undefined;
}

function ownerIsGone(deps: ImportDependencies, owner: RunOwner): boolean {
  const self = deps.thisProcess;
  if (!self || owner.instance === self.owner.instance) return false;
  return self.isRunning(owner) === false;
}

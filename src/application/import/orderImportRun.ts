import { randomUUID } from 'node:crypto';
import { integrationDecider, integrationStream } from '../../domain/integration/integrationDecider.js';
import { syncRunDecider, syncRunStream, type SyncRunState } from '../../domain/syncRun/syncRunDecider.js';
import { DomainError } from '../../domain/shared/errors.js';
import { handleCommand, type KnownStream } from '../commands/commandHandler.js';
import { readingAhead } from './readingAhead.js';
import { childChangeContext, withChangeContext } from '../context/changeContext.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import type { ImportDependencies } from './importDependencies.js';
import { importPage } from './pageImport.js';
import { ProductMatcher } from './productMatching.js';
import { RememberedStreams } from './rememberedStreams.js';
import { closeStalledSyncRuns } from './stalledSyncRuns.js';
import { StatusResolution } from './statusResolution.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { endedByStop, stopRequested } from '../automations/runStop.js';
import { platformSaid } from '../ports/platformClient.js';

/** Each run re-reads this much before the cursor: an order updated while the last run was reading is not missed. */
export const CURSOR_OVERLAP_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StartedRun {
  runId: string;
  position: number;
  /** Settles when the run has ended, with the error that failed it (undefined when it finished); never rejects. */
  completion: Promise<unknown>;
}

/**
 * Records the start of a sync run and imports in the background. A page's orders are written together with their outcomes (on EventStoreDB before them), and
 * the cursor moves only when the run finished: a crash or a stop leaves the cursor behind, and the next run
 * re-reads the window, where stable ids make every order that was already imported come back as unchanged.
 */
export async function startOrderImport(
  deps: ImportDependencies,
  integrationId: string,
  {
    trigger = 'api',
    from: requestedFrom,
    onPage,
    signal,
  }: {
    trigger?: string;
    from?: Date;
    /** Called after each page, e.g. to keep a job's lock alive. */
    onPage?: (pages: number) => Promise<void>;
    /** Aborted when the run is asked to stop: it ends at the next page boundary (a wait for the platform at once) as stopped. */
    signal?: AbortSignal;
  } = {},
): Promise<StartedRun> {
  const integration = await loadIntegration(deps.store, integrationId);
  await closeStalledSyncRuns(deps, integrationId);
  const now = deps.clock();
  // An explicit start re-reads an older window, e.g. after an admin fixed a setting that made orders fail.
  const from =
    requestedFrom ??
    (integration.cursor
      ? new Date(Date.parse(integration.cursor) - CURSOR_OVERLAP_MS)
      : new Date(now.getTime() - integration.settings.firstImportDays * DAY_MS));
  const window = { from: from.toISOString(), to: now.toISOString() };
  const runId = randomUUID();
  // What a run imports comes from the platform, on behalf of whoever started the run; one correlation id per run.
  const started = await withChangeContext(childChangeContext({ source: 'platform', correlationId: runId }), () =>
    handleCommand(deps.store, syncRunDecider, syncRunStream(runId), {
      type: 'StartSyncRun',
      data: { runId, integrationId, trigger, window, at: now.toISOString(), ...(deps.thisProcess ? { owner: deps.thisProcess.owner } : {}) },
    }),
  );
  const runContext = childChangeContext({ source: 'platform', correlationId: runId, causationId: started.eventIds[0] });
  // Only this run writes its stream from here on: it goes on from the state its start left, without reading it back.
  const run = { state: started.state, version: started.version };
  const completion = withChangeContext(runContext, () => importWindow(deps, integrationId, runId, run, window, onPage, signal)).catch((error: unknown) => {
    deps.logger.error({ runId, integrationId, err: error }, 'sync run could not record its end');
    return error;
  });
  return { runId, position: started.position!, completion };
}

async function importWindow(
  deps: ImportDependencies,
  integrationId: string,
  runId: string,
  started: KnownStream<SyncRunState>,
  window: { from: string; to: string },
  onPage: (pages: number) => Promise<void> = async () => undefined,
  signal?: AbortSignal,
) {
  const runStream = syncRunStream(runId);
  let run = started;
  try {
    const integration = await loadIntegration(deps.store, integrationId);
    const client = platformClientOf(deps, integration, signal);
    const statuses = new StatusResolution(deps.store, integration, () => client.statuses());
    const products = new ProductMatcher(deps.store, deps.readModels, integration.settings);
    const remembered = new RememberedStreams(deps.store);
    const pages = readingAhead(client.ordersUpdatedBetween({ from: new Date(window.from), to: new Date(window.to) }, { signal }));
    let pagesDone = 0;
    for await (const page of pages) {
      // The page boundary: a page fetched after the stop was asked for is not imported.
      if (stopRequested(signal)) break;
      // One commit per page: its orders, their contacts and products, and the page's outcomes in the run.
      const context = { store: deps.store, integration, products, remembered, statuses, at: deps.clock().toISOString() };
      run = await importPage(context, page, { stream: runStream, known: run });
      await onPage(++pagesDone);
    }
    if (stopRequested(signal)) return await recordStop(deps, runStream, run, integrationId);
    await handleCommand(deps.store, integrationDecider, integrationStream(integrationId), {
      type: 'AdvanceImportCursor',
      data: { updatedUpTo: window.to, runId },
    });
    await handleCommand(deps.store, syncRunDecider, runStream, { type: 'FinishSyncRun', data: { at: deps.clock().toISOString() } }, { known: run });
    deps.logger.info({ runId, integrationId, unmappedStatuses: [...statuses.unmapped] }, 'sync run finished');
    return undefined;
  } catch (error) {
    if (endedByStop(error, signal)) return await recordStop(deps, runStream, run, integrationId);
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ runId, integrationId, error: message, ...platformSaid(error) }, 'sync run failed');
    const at = deps.clock().toISOString();
    await untilStored(() => handleCommand(deps.store, syncRunDecider, runStream, { type: 'FailSyncRun', data: { error: message, at } }));
    return error;
  }
}

/** A stopped run keeps its counts so far; the cursor stays where the last whole window ended, so the next run reads on from there. */
async function recordStop(deps: ImportDependencies, runStream: string, run: KnownStream<SyncRunState>, integrationId: string): Promise<undefined> {
  await handleCommand(deps.store, syncRunDecider, runStream, { type: 'StopSyncRun', data: { at: deps.clock().toISOString() } }, { known: run });
  deps.logger.info({ runId: run.state.status === 'none' ? undefined : run.state.runId, integrationId }, 'sync run stopped');
  return undefined;
}

/** How long a failed run keeps trying to record its failure: a store that was lost comes back within it. */
const RECORD_FAILURE_FOR_MS = 120_000;

/** A run failed by a lost store would otherwise stay "running" in every report once the store is back. */
async function untilStored(write: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + RECORD_FAILURE_FOR_MS;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
    try {
      await write();
      return;
    } catch (error) {
      // A domain refusal (the run ended already: the first write landed, its answer was lost) will not change.
      if (error instanceof DomainError || Date.now() + waitMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

import { syncRunDecider, syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import type { OrderOutcomeRecord } from '../../domain/syncRun/syncRunEvents.js';
import { InvalidStateError } from '../../domain/shared/errors.js';
import { fold, handleCommand } from '../commands/commandHandler.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../projections/syncRunsProjection.js';
import type { ImportDependencies } from './importDependencies.js';
import { stableId } from './stableId.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The sync run that reports an integration's webhook deliveries of one UTC day. */
export function webhookIntakeRunId(integrationId: string, at: string): string {
  return stableId('webhook-intake', integrationId, at.slice(0, 10));
}

/**
 * Every webhook delivery's outcome goes into the integration's report like a polled order's: the day's intake run
 * (trigger `webhook`, status `receiving` while the day lasts) takes it, so a rejected webhook order is listed with its
 * reason in `/v1/sync-runs`, in `export sync-history` and in the rejected-orders metric. The first delivery of a day
 * opens that day's run and closes the integration's earlier ones.
 */
export async function reportWebhookOutcome(deps: ImportDependencies, integrationId: string, outcome: OrderOutcomeRecord, at: string): Promise<void> {
  const runId = webhookIntakeRunId(integrationId, at);
  const stream = syncRunStream(runId);
  const history = await deps.store.readStream(stream);
  const firstOfTheDay = fold(syncRunDecider, history).status === 'none';
  if (firstOfTheDay && (await openIntake(deps, stream, { runId, integrationId, at }))) await closeEarlierIntakes(deps, integrationId, runId, at);
  await handleCommand(deps.store, syncRunDecider, stream, { type: 'RecordOutcomes', data: { outcomes: [outcome] } }, firstOfTheDay ? {} : { history });
}

/** Opens the day's intake run; false when a concurrent delivery opened it first. */
async function openIntake(deps: ImportDependencies, stream: string, { runId, integrationId, at }: { runId: string; integrationId: string; at: string }): Promise<boolean> {
  const from = `${at.slice(0, 10)}T00:00:00.000Z`;
  const window = { from, to: new Date(Date.parse(from) + DAY_MS).toISOString() };
  try {
    await handleCommand(deps.store, syncRunDecider, stream, {
      type: 'StartSyncRun',
      data: { runId, integrationId, trigger: 'webhook', window, at, kind: 'webhook-intake' },
    });
    return true;
  } catch (error) {
    if (error instanceof InvalidStateError) return false;
    throw error;
  }
}

/** The days before this one are over: their intake runs end, with the counts they took. */
async function closeEarlierIntakes(deps: ImportDependencies, integrationId: string, currentRunId: string, at: string): Promise<void> {
  const open = await deps.readModels.find<SyncRunDocument>(SYNC_RUNS_COLLECTION, { where: { integrationId, status: 'receiving' }, limit: 50 });
  for (const run of open.filter((r) => r.id !== currentRunId && r.window.to <= at)) {
    await handleCommand(deps.store, syncRunDecider, syncRunStream(run.id), { type: 'FinishSyncRun', data: { at: run.window.to } }).catch((error: unknown) => {
      // Closed meanwhile by another delivery: nothing left to do.
      if (!(error instanceof InvalidStateError)) throw error;
    });
  }
}

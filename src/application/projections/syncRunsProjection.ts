import type { OrderOutcomeRecord, SyncCounts, SyncRunEvent } from '../../domain/syncRun/syncRunEvents.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const SYNC_RUNS_COLLECTION = 'sync_runs';
/** The rejected and skipped orders of a run, one document per page that had any: the run's document stays small. */
export const SYNC_RUN_OUTCOMES_COLLECTION = 'sync_run_outcomes';

export interface OrderOutcomeNote {
  externalId: string;
  reason: string;
}

/** The counts of one run; its rejected and skipped orders are in SYNC_RUN_OUTCOMES_COLLECTION (see syncRunReport). */
export interface SyncRunDocument extends Record<string, unknown> {
  id: string;
  integrationId: string;
  /** `receiving`: a day's webhook intake, open while its deliveries arrive. */
  status: 'running' | 'receiving' | 'succeeded' | 'failed' | 'stopped';
  trigger: string;
  window: { from: string; to: string };
  startedAt: string;
  finishedAt: string | null;
  counts: SyncCounts;
  error: string | null;
  version: number;
}

/** The rejected and skipped orders of one page of a run, in page order. */
export interface SyncRunOutcomesDocument extends Record<string, unknown> {
  runId: string;
  page: number;
  rejected: OrderOutcomeNote[];
  skipped: OrderOutcomeNote[];
}

const notesOf = (outcomes: OrderOutcomeRecord[], kind: 'rejected' | 'skipped'): OrderOutcomeNote[] =>
  outcomes.filter((o) => o.outcome === kind).map(({ externalId, reason }) => ({ externalId, reason: reason ?? '' }));

async function recordOutcomes(tx: ReadModelTransaction, doc: SyncRunDocument, outcomes: OrderOutcomeRecord[], version: number): Promise<void> {
  const counts = { ...doc.counts };
  for (const { outcome } of outcomes) counts[outcome] += 1;
  await tx.put(SYNC_RUNS_COLLECTION, doc.id, { ...doc, counts, version });
  const rejected = notesOf(outcomes, 'rejected');
  const skipped = notesOf(outcomes, 'skipped');
  if (rejected.length === 0 && skipped.length === 0) return;
  const page: SyncRunOutcomesDocument = { runId: doc.id, page: version, rejected, skipped };
  await tx.put(SYNC_RUN_OUTCOMES_COLLECTION, `${doc.id}:${version}`, page);
}

export const syncRunsProjection: Projection = {
  name: 'sync_runs',
  collections: [SYNC_RUNS_COLLECTION, SYNC_RUN_OUTCOMES_COLLECTION],
  handles: new Set<SyncRunEvent['type']>(['SyncRunStarted', 'SyncRunOrdersProcessed', 'SyncRunFinished', 'SyncRunFailed', 'SyncRunStopped']),

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as SyncRunEvent;
    const id = streamId(recorded.streamName);
    if (event.type === 'SyncRunStarted') {
      const { integrationId, trigger, window, startedAt, kind } = event.data;
      const doc: SyncRunDocument = {
        id,
        integrationId,
        status: kind === 'webhook-intake' ? 'receiving' : 'running',
        trigger,
        window,
        startedAt,
        finishedAt: null,
        counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 },
        error: null,
        version: recorded.version,
      };
      return tx.put(SYNC_RUNS_COLLECTION, id, doc);
    }
    const doc = await tx.get<SyncRunDocument>(SYNC_RUNS_COLLECTION, id);
    if (!doc || recorded.version <= doc.version) return;
    const version = recorded.version;
    switch (event.type) {
      case 'SyncRunOrdersProcessed':
        return recordOutcomes(tx, doc, event.data.outcomes, version);
      case 'SyncRunFinished':
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...doc, status: 'succeeded', finishedAt: event.data.finishedAt, version });
      case 'SyncRunFailed':
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...doc, status: 'failed', finishedAt: event.data.failedAt, error: event.data.error, version });
      case 'SyncRunStopped':
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...doc, status: 'stopped', finishedAt: event.data.stoppedAt, version });
    }
  },
};

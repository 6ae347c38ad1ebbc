import type { OrderOutcomeRecord, SyncCounts, SyncRunEvent } from '../../domain/syncRun/syncRunEvents.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const SYNC_RUNS_COLLECTION = 'sync_runs';

/** The integration report of one run. */
export interface SyncRunDocument extends Record<string, unknown> {
  id: string;
  integrationId: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: string;
  window: { from: string; to: string };
  startedAt: string;
  finishedAt: string | null;
  counts: SyncCounts;
  rejected: { externalId: string; reason: string }[];
  skipped: { externalId: string; reason: string }[];
  error: string | null;
  version: number;
}


function withOutcomes(doc: SyncRunDocument, outcomes: OrderOutcomeRecord[]): SyncRunDocument {
  const counts = { ...doc.counts };
  const rejected = [...doc.rejected];
  const skipped = [...doc.skipped];
  for (const { externalId, outcome, reason } of outcomes) {
    counts[outcome] += 1;
    if (outcome === 'rejected') rejected.push({ externalId, reason: reason ?? '' });
    if (outcome === 'skipped') skipped.push({ externalId, reason: reason ?? '' });
  }
  return { ...doc, counts, rejected, skipped };
}

export const syncRunsProjection: Projection = {
  name: 'sync_runs',
  collections: [SYNC_RUNS_COLLECTION],
  handles: new Set<SyncRunEvent['type']>(['SyncRunStarted', 'SyncRunOrdersProcessed', 'SyncRunFinished', 'SyncRunFailed']),

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as SyncRunEvent;
    const id = streamId(recorded.streamName);
    if (event.type === 'SyncRunStarted') {
      const { integrationId, trigger, window, startedAt } = event.data;
      const doc: SyncRunDocument = {
        id,
        integrationId,
        status: 'running',
        trigger,
        window,
        startedAt,
        finishedAt: null,
        counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 },
        rejected: [],
        skipped: [],
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
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...withOutcomes(doc, event.data.outcomes), version });
      case 'SyncRunFinished':
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...doc, status: 'succeeded', finishedAt: event.data.finishedAt, version });
      case 'SyncRunFailed':
        return tx.put(SYNC_RUNS_COLLECTION, id, { ...doc, status: 'failed', finishedAt: event.data.failedAt, error: event.data.error, version });
    }
  },
};

import type { EventStore, RecordedEvent, Subscription } from '../../../application/ports/eventStore.js';
import type { Logger } from '../../../application/ports/logger.js';
import type { Metrics } from '../../../application/ports/metrics.js';
import type { AutomationRunFinished } from '../../../domain/automation/automationRunEvents.js';
import type { SyncRunFailed, SyncRunFinished, SyncRunStarted, SyncRunStopped } from '../../../domain/syncRun/syncRunEvents.js';

/**
 * Reports sync and automation runs to the metrics port as their end events reach the log, wherever they ran:
 * the facts are the events, so no use case has to remember to count. Starts at the log's head (counters are per process).
 */
export function listenForRunMetrics(store: EventStore, metrics: Metrics, { after, logger }: { after: number; logger: Logger }): Subscription {
  const startedAt = new Map<string, string>();

  async function runStart(streamName: string): Promise<string | undefined> {
    const known = startedAt.get(streamName);
    startedAt.delete(streamName);
    if (known) return known;
    // The run began before this process listened: its first event says when.
    const [first] = await store.readStream(streamName);
    return first?.type === 'SyncRunStarted' ? (first.data as SyncRunStarted['data']).startedAt : undefined;
  }

  async function report(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'SyncRunStarted':
        startedAt.set(event.streamName, (event.data as SyncRunStarted['data']).startedAt);
        return;
      case 'SyncRunFinished':
      case 'SyncRunFailed':
      case 'SyncRunStopped': {
        const data = event.data as SyncRunFinished['data'] | SyncRunFailed['data'] | SyncRunStopped['data'];
        const endedAt = 'finishedAt' in data ? data.finishedAt : 'failedAt' in data ? data.failedAt : data.stoppedAt;
        const started = await runStart(event.streamName);
        const durationSeconds = started === undefined ? undefined : Math.max(0, (Date.parse(endedAt) - Date.parse(started)) / 1000);
        metrics.syncRunEnded({
          integrationId: data.integrationId,
          outcome: event.type === 'SyncRunFinished' ? 'succeeded' : event.type === 'SyncRunFailed' ? 'failed' : 'stopped',
          imported: data.counts.imported,
          rejected: data.counts.rejected,
          durationSeconds: Number.isFinite(durationSeconds) ? durationSeconds : undefined,
        });
        return;
      }
      case 'AutomationRunFinished': {
        const { integrationId, automation, outcome } = event.data as AutomationRunFinished['data'];
        metrics.automationRunEnded({ integrationId, automation, outcome });
        return;
      }
    }
  }

  return store.subscribe({
    after,
    onEvents: async (events) => {
      for (const event of events) {
        // A metric is never worth stopping the listener for.
        await report(event).catch((error: unknown) => logger.warn({ err: error, position: event.position }, 'run metrics skipped an event'));
      }
    },
  });
}

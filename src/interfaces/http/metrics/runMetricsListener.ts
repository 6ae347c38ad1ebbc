import type { EventStore, RecordedEvent, Subscription } from '../../../application/ports/eventStore.js';
import type { Logger } from '../../../application/ports/logger.js';
import type { Metrics } from '../../../application/ports/metrics.js';
import type { AutomationRunFinished } from '../../../domain/automation/automationRunEvents.js';
import type { SyncRunFailed, SyncRunFinished, SyncRunOrdersProcessed, SyncRunStarted, SyncRunStopped } from '../../../domain/syncRun/syncRunEvents.js';

type RunStart = SyncRunStarted['data'];
type RunEnd = SyncRunFinished['data'] | SyncRunFailed['data'] | SyncRunStopped['data'];

const OUTCOMES = { SyncRunFinished: 'succeeded', SyncRunFailed: 'failed', SyncRunStopped: 'stopped' } as const;

/**
 * Reports sync and automation runs to the metrics port as their events reach the log, wherever they ran: the facts
 * are the events, so no use case has to remember to count. Orders are counted as each page's (or webhook delivery's)
 * outcomes are recorded; a run's duration when it ends. Starts at the log's head (counters are per process).
 */
export function listenForRunMetrics(store: EventStore, metrics: Metrics, { after, logger }: { after: number; logger: Logger }): Subscription {
  const starts = new Map<string, RunStart>();

  /** The run's start, remembered or read from its first event (it began before this process listened). */
  async function startOf(streamName: string): Promise<RunStart | undefined> {
    const known = starts.get(streamName);
    if (known) return known;
    const [first] = await store.readStream(streamName);
    if (first?.type !== 'SyncRunStarted') return undefined;
    const start = first.data as RunStart;
    starts.set(streamName, start);
    return start;
  }

  async function report(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'SyncRunStarted':
        starts.set(event.streamName, event.data as RunStart);
        return;
      case 'SyncRunOrdersProcessed': {
        const start = await startOf(event.streamName);
        if (!start) return;
        const { outcomes } = event.data as SyncRunOrdersProcessed['data'];
        const count = (kind: string) => outcomes.filter((o) => o.outcome === kind).length;
        metrics.ordersProcessed({ integrationId: start.integrationId, imported: count('imported'), rejected: count('rejected') });
        return;
      }
      case 'SyncRunFinished':
      case 'SyncRunFailed':
      case 'SyncRunStopped': {
        const data = event.data as RunEnd;
        const endedAt = 'finishedAt' in data ? data.finishedAt : 'failedAt' in data ? data.failedAt : data.stoppedAt;
        const start = await startOf(event.streamName);
        starts.delete(event.streamName);
        // A day's webhook intake is no run to time.
        if (start?.kind === 'webhook-intake') return;
        const durationSeconds = start === undefined ? undefined : Math.max(0, (Date.parse(endedAt) - Date.parse(start.startedAt)) / 1000);
        metrics.syncRunEnded({
          integrationId: data.integrationId,
          outcome: OUTCOMES[event.type],
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

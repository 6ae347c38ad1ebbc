import type { EventStore } from '../ports/eventStore.js';
import { historyEntry, type HistoryEntry } from './streamHistory.js';

/** One event of a correlation, with the stream it belongs to (they span orders, contacts, products, runs…). */
export interface CorrelatedEntry extends HistoryEntry {
  streamName: string;
}

/** A page of a correlation's events and the cursor of the next page (null at the end). */
export interface CorrelatedPage {
  items: CorrelatedEntry[];
  limit: number;
  next: number | null;
}

/** Every event of one request, sync run or job run, across streams, in log order, credentials redacted. */
export async function correlatedHistory(store: EventStore, correlationId: string, { after, limit }: { after?: number; limit: number }): Promise<CorrelatedPage> {
  // One more than asked tells whether another page follows.
  const events = await store.readCorrelated(correlationId, { after, maxCount: limit + 1 });
  const page = events.slice(0, limit);
  return {
    items: page.map((event) => ({ ...historyEntry(event), streamName: event.streamName })),
    limit,
    next: events.length > limit ? page[page.length - 1].position : null,
  };
}

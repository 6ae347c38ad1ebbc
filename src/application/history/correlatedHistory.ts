import type { EventStore } from '../ports/eventStore.js';
import { cursorAfter, LOG_ORDER } from '../queries/listCursor.js';
import { historyEntry, type HistoryEntry } from './streamHistory.js';

/** One event of a correlation, with the stream it belongs to (they span orders, contacts, products, runs…). */
export interface CorrelatedEntry extends HistoryEntry {
  streamName: string;
}

/** A page of a correlation's events and where the next page starts (null at the end). */
export interface CorrelatedPage {
  items: CorrelatedEntry[];
  limit: number;
  /** The position of the page's last event: the next page is `after` it. */
  next: number | null;
  /** The same place as an opaque cursor, as every list hands it out. */
  nextCursor: string | null;
}

/** Every event of one request, sync run or job run, across streams, in log order, credentials redacted. */
export async function correlatedHistory(store: EventStore, correlationId: string, { after, limit }: { after?: number; limit: number }): Promise<CorrelatedPage> {
  // One more than asked tells whether another page follows.
  const events = await store.readCorrelated(correlationId, { after, maxCount: limit + 1 });
  const items = events.slice(0, limit).map((event) => ({ ...historyEntry(event), streamName: event.streamName }));
  const last = events.length > limit ? items[items.length - 1] : undefined;
  return { items, limit, next: last?.position ?? null, nextCursor: last ? cursorAfter(LOG_ORDER, { ...last }) : null };
}

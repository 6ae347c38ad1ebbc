import { contactStream } from '../../domain/contact/contactDecider.js';
import { integrationStream } from '../../domain/integration/integrationDecider.js';
import { orderStream } from '../../domain/order/orderDecider.js';
import { productStream } from '../../domain/product/productDecider.js';
import { syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import type { EventStore, RecordedEvent } from '../ports/eventStore.js';
import { LOG_ORDER, positionAfter } from '../queries/listCursor.js';
import { pageOfWindow, type Page, type PageRequest } from '../queries/pagedList.js';
import { isReadModelId } from '../queries/readModelId.js';
import { redactSecrets } from './secretRedaction.js';

/** One event as an auditor reads it: where it sits, when it was recorded, what it says and who caused it. */
export interface HistoryEntry {
  /** The event's id: what a later event's causationId names. */
  id: string;
  position: number;
  version: number;
  type: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** What has a history, and the stream each one's events live in. */
export const HISTORY_SUBJECTS = {
  order: orderStream,
  product: productStream,
  contact: contactStream,
  integration: integrationStream,
  syncRun: syncRunStream,
} as const;

export type HistorySubject = keyof typeof HISTORY_SUBJECTS;

export function historyEntry(event: RecordedEvent): HistoryEntry {
  return {
    id: event.id,
    position: event.position,
    version: event.version,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: redactSecrets(event.data),
    metadata: event.metadata,
  };
}

/**
 * Every event of one order, product, contact, integration or sync run, oldest first, a page at a time (by number, or
 * after the global position a cursor names), with credentials redacted; undefined when there is no such thing.
 */
export async function streamHistory(
  store: EventStore,
  subject: HistorySubject,
  id: string,
  request: PageRequest,
): Promise<Page<HistoryEntry> | undefined> {
  const after = request.after === undefined ? undefined : positionAfter(request.after);
  if (!isReadModelId(id)) return undefined;
  const events = await store.readStream(HISTORY_SUBJECTS[subject](id));
  if (events.length === 0) return undefined;
  const following = after === undefined ? -1 : events.findIndex((event) => event.position > after);
  const start = after === undefined ? (request.page - 1) * request.limit : following < 0 ? events.length : following;
  return pageOfWindow(events.slice(start, start + request.limit + 1).map(historyEntry), events.length, request, LOG_ORDER);
}

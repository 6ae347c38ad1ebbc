import { contactStream } from '../../domain/contact/contactDecider.js';
import { integrationStream } from '../../domain/integration/integrationDecider.js';
import { orderStream } from '../../domain/order/orderDecider.js';
import { productStream } from '../../domain/product/productDecider.js';
import { syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import type { EventStore, RecordedEvent } from '../ports/eventStore.js';
import type { Page } from '../queries/pagedList.js';
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
 * Every event of one order, product, contact, integration or sync run, oldest first, a page at a time, with
 * credentials redacted; undefined when there is no such thing.
 */
export async function streamHistory(
  store: EventStore,
  subject: HistorySubject,
  id: string,
  { page, limit }: { page: number; limit: number },
): Promise<Page<HistoryEntry> | undefined> {
  if (!isReadModelId(id)) return undefined;
  const events = await store.readStream(HISTORY_SUBJECTS[subject](id));
  if (events.length === 0) return undefined;
  const start = (page - 1) * limit;
  return { items: events.slice(start, start + limit).map(historyEntry), total: events.length, page, limit };
}

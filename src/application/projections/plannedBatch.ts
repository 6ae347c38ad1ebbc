import type { RecordedEvent } from '../ports/eventStore.js';
import { documentKey as key, type PlannedWrite, type ReadModelDocument, type ReadModelTransaction } from '../ports/readModels.js';
import type { KnownDocuments } from './knownDocuments.js';
import type { Projection } from './projection.js';

/** A batch worked out ahead of its transaction: what it writes, and the checkpoint it was planned on and moves to. */
export interface PlannedBatch {
  events: RecordedEvent[];
  from: number;
  to: number;
  /** Whether any event is one the projection handles. */
  handles: boolean;
  writes: Map<string, PlannedWrite>;
}

/**
 * Applies the events after `from` to the documents as `known` has them, outside any transaction, so the next batch is
 * worked out while the previous one commits; `known` then holds this batch's writes for the one after.
 */
export async function planBatch(projection: Projection, known: KnownDocuments, events: RecordedEvent[], from: number): Promise<PlannedBatch> {
  const fresh = events.filter((event) => event.position > from && projection.handles.has(event.type));
  const writes = new Map<string, PlannedWrite>();
  const to = endOf(events, from);
  if (fresh.length === 0) return { events, from, to, handles: false, writes };
  if (projection.documentsOf) await known.load(fresh.flatMap((event) => projection.documentsOf!(event)));
  const tx: ReadModelTransaction = {
    checkpoint: from === 0 ? undefined : from,
    get: async <T extends ReadModelDocument>(collection: string, id: string) => {
      const written = writes.get(key(collection, id));
      if (written) return (written.doc ?? undefined) as T | undefined;
      return (await known.get(collection, id)) as T | undefined;
    },
    put: async (collection, id, doc) => void writes.set(key(collection, id), { collection, id, doc }),
    delete: async (collection, id) => void writes.set(key(collection, id), { collection, id, doc: null }),
  };
  for (const event of fresh) await projection.apply(event, tx);
  for (const { collection, id, doc } of writes.values()) known.remember(collection, id, doc);
  return { events, from, to, handles: true, writes };
}

/** A batch left to be worked out inside its transaction. */
export function unplanned(projection: Projection, events: RecordedEvent[], from: number): PlannedBatch {
  const to = endOf(events, from);
  return { events, from, to, handles: events.some((event) => projection.handles.has(event.type)), writes: new Map() };
}

/** Hands a planned batch's writes to the transaction that commits them. */
export async function writePlanned(batch: PlannedBatch, tx: ReadModelTransaction): Promise<void> {
  for (const { collection, id, doc } of batch.writes.values()) {
    if (doc) await tx.put(collection, id, doc);
    else await tx.delete(collection, id);
  }
}

/** Where a batch leaves the checkpoint: its last event's position, never behind where it started. */
const endOf = (events: RecordedEvent[], from: number) => Math.max(from, events[events.length - 1]?.position ?? 0);

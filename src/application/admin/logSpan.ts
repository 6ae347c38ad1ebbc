import type { EventStore } from '../ports/eventStore.js';

/** Where the log starts and ends now: positions only, found with a few one-event reads (no count over the log). */
export interface LogSpan {
  /** Position of the first event; 0 for an empty log. */
  first: number;
  /** Position of the last event; 0 for an empty log. */
  head: number;
}

/** Exponential then binary search on "is there an event after p?": works for dense and sparse positions alike. */
export async function logSpan(store: EventStore): Promise<LogSpan> {
  const hasAfter = async (position: number) => (await store.readAll({ after: position, maxCount: 1 })).length > 0;
  const [firstEvent] = await store.readAll({ maxCount: 1 });
  if (!firstEvent) return { first: 0, head: 0 };
  // Invariant: an event lies after `low`, none after `high`.
  let low = firstEvent.position - 1;
  let high = Math.max(1, firstEvent.position);
  while (await hasAfter(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await hasAfter(middle)) low = middle;
    else high = middle;
  }
  return { first: firstEvent.position, head: high };
}

import type { EventStore } from '../../../application/ports/eventStore.js';
import type { ReadModels } from '../../../application/ports/readModels.js';

const PAGE = 1_000;
/** A scrape reads at most this many events to count a lag; a larger lag is reported as this many. */
export const LAG_COUNT_LIMIT = 10_000;

/** Position of the last event in the log, reading on from `from` (a position known to exist, e.g. a checkpoint). */
export async function logHead(store: EventStore, from = 0): Promise<number> {
  let head = from;
  for (;;) {
    const page = await store.readAll({ after: head, maxCount: PAGE });
    if (page.length > 0) head = page[page.length - 1].position;
    if (page.length < PAGE) return head;
  }
}

/**
 * Events after each projection's checkpoint, counted rather than subtracted: positions may have gaps
 * (a rolled-back append in PostgreSQL, commit positions in EventStoreDB). Caught-up projections cost one empty read.
 */
export async function projectionLag(store: EventStore, readModels: ReadModels, projections: readonly string[]): Promise<Record<string, number>> {
  const checkpoints = await Promise.all(projections.map(async (name) => [name, (await readModels.checkpoint(name)) ?? 0] as const));
  const behind = Object.fromEntries(projections.map((name) => [name, 0]));
  let after = Math.min(...checkpoints.map(([, position]) => position));
  for (let counted = 0; counted < LAG_COUNT_LIMIT; ) {
    const page = await store.readAll({ after, maxCount: Math.min(PAGE, LAG_COUNT_LIMIT - counted) });
    for (const event of page) {
      for (const [name, checkpoint] of checkpoints) if (event.position > checkpoint) behind[name] += 1;
    }
    counted += page.length;
    if (page.length === 0) break;
    after = page[page.length - 1].position;
  }
  return behind;
}

import type { EventStore } from '../ports/eventStore.js';
import type { ReadModels } from '../ports/readModels.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projectionRunner.js';
import type { LogSpan } from './logSpan.js';
import type { OnReplayProgress } from './replayProgress.js';

export interface ReplayOptions {
  /** Inclusive: events after it are left for later; to the end of the log when absent. */
  upTo?: number;
  batchSize?: number;
  span: LogSpan;
  /** Events counted by earlier rounds, so the progress count goes on from there. */
  alreadyDone?: number;
  onProgress?: OnReplayProgress;
}

/**
 * Documents a replay keeps in memory (~10 KB each for orders): an order changed within 20 000 other documents of its
 * last change (a shop's orders of a week or two) is read back and written again not at each change, but once.
 */
const REPLAY_KEEPS = 20_000;

/**
 * Applies the log to a side copy from its own checkpoint, one transaction per batch (the copy's documents trailing its
 * checkpoint until the end); answers the events read.
 */
export function replayInto(store: EventStore, readModels: ReadModels, projection: Projection, options: ReplayOptions): Promise<number> {
  const runner = new ProjectionRunner(store, readModels, projection, { batchSize: options.batchSize ?? 1_000 });
  return runner.catchUp({
    upTo: options.upTo,
    // Nobody reads a side copy before its replay ends: each document is written once it leaves memory, not per batch.
    deferWrites: true,
    keep: REPLAY_KEEPS,
    onBatch: (done, position) => options.onProgress?.({ done: (options.alreadyDone ?? 0) + done, position, span: options.span }),
  });
}

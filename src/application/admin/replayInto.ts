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

/** Applies the log to a projection from its own checkpoint, one transaction per batch; answers the events read. */
export function replayInto(store: EventStore, readModels: ReadModels, projection: Projection, options: ReplayOptions): Promise<number> {
  const runner = new ProjectionRunner(store, readModels, projection, { batchSize: options.batchSize ?? 1_000 });
  return runner.catchUp({
    upTo: options.upTo,
    onBatch: (done, position) => options.onProgress?.({ done: (options.alreadyDone ?? 0) + done, position, span: options.span }),
  });
}

import type { EventStore } from '../ports/eventStore.js';
import type { ReadModels } from '../ports/readModels.js';
import type { Projection } from '../projections/projection.js';
import { asideOf } from './asideProjection.js';
import { compareCollections, type CollectionDrift } from './collectionDrift.js';
import { logSpan } from './logSpan.js';
import { replayInto } from './replayInto.js';
import type { OnReplayProgress } from './replayProgress.js';

export interface CheckOptions {
  batchSize?: number;
  onProgress?: OnReplayProgress;
  /** How many times to compare again when the live read model moved during a comparison. */
  attempts?: number;
}

export interface CheckReport {
  projection: string;
  /** The position both sides were compared at. */
  position: number;
  drift: CollectionDrift[];
  /** Whether the live read model equals a fresh replay. */
  identical: boolean;
}

/** Thrown when the service kept writing the read model during every comparison. */
export class ReadModelKeptMovingError extends Error {
  constructor(projection: string, attempts: number) {
    super(`The live ${projection} read model moved during each of ${attempts} comparisons; run the check again when the service is quieter`);
    this.name = 'ReadModelKeptMovingError';
  }
}

/**
 * Replays the log into a scratch copy up to the live checkpoint and compares the two document by document. The
 * comparison counts only when the live checkpoint did not move while it ran; the scratch copy is removed at the end.
 */
export async function checkProjection(
  store: EventStore,
  readModels: ReadModels,
  projection: Projection,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const aside = asideOf(projection, 'check');
  await readModels.reset(aside.projection.name, aside.projection.collections);
  try {
    const span = await logSpan(store);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const position = (await readModels.checkpoint(projection.name)) ?? 0;
      const progressSpan = { first: span.first, head: Math.min(span.head, position) };
      await replayInto(store, readModels, aside.projection, {
        upTo: position,
        batchSize: options.batchSize,
        span: progressSpan,
        onProgress: options.onProgress,
      });
      const drift = await compareCollections(readModels, aside.swap.collections);
      if (((await readModels.checkpoint(projection.name)) ?? 0) === position) {
        return { projection: projection.name, position, drift, identical: drift.every((d) => d.identical) };
      }
    }
    throw new ReadModelKeptMovingError(projection.name, attempts);
  } finally {
    await readModels.reset(aside.projection.name, aside.projection.collections).catch(() => undefined);
  }
}

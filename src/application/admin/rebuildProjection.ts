import type { EventStore } from '../ports/eventStore.js';
import type { ReadModels } from '../ports/readModels.js';
import type { Projection } from '../projections/projection.js';
import { asideOf, type AsideProjection } from './asideProjection.js';
import { logSpan } from './logSpan.js';
import { replayInto } from './replayInto.js';
import type { OnReplayProgress } from './replayProgress.js';

export interface RebuildOptions {
  batchSize?: number;
  onProgress?: OnReplayProgress;
}

export interface RebuildReport {
  projection: string;
  /** Events replayed into the copy, including those applied during the switch. */
  events: number;
  /** The live checkpoint after the switch. */
  position: number;
  seconds: number;
}

/** Catch-up rounds before giving up: the live model only gets ahead by the events appended during one round. */
const SWITCH_ATTEMPTS = 20;

/**
 * Switches the copy in when it is at least as far as the live model; undefined when it is behind. Events are not
 * read inside the switch's transaction: PGlite has one connection, which that transaction holds.
 */
async function switchIn(readModels: ReadModels, aside: AsideProjection): Promise<number | undefined> {
  let position: number | undefined;
  try {
    await readModels.promote(aside.swap, async (tx, liveCheckpoint) => {
      const side = tx.checkpoint ?? 0;
      if (side < (liveCheckpoint ?? 0)) throw new CopyBehind();
      position = side;
      return side;
    });
    return position;
  } catch (error) {
    if (error instanceof CopyBehind) return undefined;
    throw error;
  }
}

class CopyBehind extends Error {}

/**
 * Rebuilds a read model without stopping the service: replays the whole log into side collections, then switches
 * them in atomically; the live runner keeps serving the old documents until then and goes on from the new checkpoint.
 */
export async function rebuildProjection(
  store: EventStore,
  readModels: ReadModels,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1_000;
  const aside = asideOf(projection, 'rebuild');
  // A copy left by an interrupted rebuild is not trusted: start it again from zero.
  await readModels.reset(aside.projection.name, aside.projection.collections);
  try {
    const span = await logSpan(store);
    let events = 0;
    for (let attempt = 1; attempt <= SWITCH_ATTEMPTS; attempt++) {
      events += await replayInto(store, readModels, aside.projection, { batchSize, span, alreadyDone: events, onProgress: options.onProgress });
      const position = await switchIn(readModels, aside);
      if (position !== undefined) return { projection: projection.name, events, position, seconds: (Date.now() - started) / 1000 };
    }
    throw new Error(`The live ${projection.name} read model kept moving ahead of the rebuilt copy; run the rebuild again`);
  } catch (error) {
    await readModels.reset(aside.projection.name, aside.projection.collections).catch(() => undefined);
    throw error;
  }
}

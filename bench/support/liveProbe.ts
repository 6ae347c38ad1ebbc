// What a rebuild costs the live read model beside it: a live projection's commit and a read, tried again and again
// while the rebuild runs; the longest each waited is how long the live model was held up (its lock, or its table).
import type { ReadModels } from '../../src/application/ports/readModels.js';

export interface LiveWaits {
  /** The longest a live commit of the projection waited, in ms. */
  write: number;
  /** The longest a live read of one document waited, in ms. */
  read: number;
  tries: number;
}

/** Starts probing a live projection and one of its documents every `everyMs`; stop() answers the longest waits. */
export function probeLive(readModels: ReadModels, { projection, collection, id }: { projection: string; collection: string; id: string }, everyMs = 20): { stop(): Promise<LiveWaits> } {
  const waits: LiveWaits = { write: 0, read: 0, tries: 0 };
  let stopped = false;
  const timedMs = async (work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const loop = (async () => {
    while (!stopped) {
      // A commit that moves nothing: it takes the live projection's lock as every live batch does.
      const [write, read] = await Promise.all([
        timedMs(() => readModels.transact(projection, async (tx) => tx.checkpoint ?? 0)),
        timedMs(() => readModels.get(collection, id)),
      ]);
      waits.write = Math.max(waits.write, write);
      waits.read = Math.max(waits.read, read);
      waits.tries++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return waits;
    },
  };
}

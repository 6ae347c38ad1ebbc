import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/eventStore.js';
import { wakeableSleep } from './wakeableSleep.js';

/** What a store offers so subscriptions can catch up by reading and go live by waiting for appends. */
export interface PollableStore {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Registers a wake-up for appends made through this process; returns the unregister function. */
  onAppended(listener: () => void): () => void;
}

export interface PollingOptions {
  /** How often to look for events appended by other processes. */
  pollIntervalMs: number;
  /** Back-off ceiling while the store cannot be read. */
  maxRetryDelayMs?: number;
}

/** Catch-up then live delivery in global order; store read errors are retried, handler errors end it. */
export function pollingSubscription(
  store: PollableStore,
  options: SubscribeOptions,
  polling: PollingOptions,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  let after = options.after;
  let stopped = false;
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const { sleep, wake } = wakeableSleep();
  const unregister = store.onAppended(() => wake());

  async function readWithRetry(): Promise<RecordedEvent[] | undefined> {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        return await store.readAll({ after, maxCount: batchSize });
      } catch {
        const ceiling = Math.min(polling.maxRetryDelayMs ?? 5000, 100 * 2 ** attempt);
        await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      }
    }
    return undefined;
  }

  const done = (async () => {
    try {
      while (!stopped) {
        const batch = await readWithRetry();
        if (!batch || stopped) break;
        if (batch.length > 0) {
          await options.onEvents(batch);
          after = batch[batch.length - 1].position;
        }
        if (batch.length < batchSize) {
          markCaughtUp();
          if (!stopped) await sleep(polling.pollIntervalMs);
        }
      }
    } finally {
      stopped = true;
      unregister();
      markCaughtUp();
    }
  })();
  // Owners observe `done`; this keeps an unobserved failure from crashing the process.
  done.catch(() => undefined);

  return {
    caughtUp,
    done,
    async stop() {
      stopped = true;
      wake();
      await done.catch(() => undefined);
    },
  };
}

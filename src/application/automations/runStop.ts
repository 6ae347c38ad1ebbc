// A run's stop as an AbortSignal: checked at every page or batch boundary, and handed to the platform client so a wait
// for the platform (a Retry-After, a back-off, a slow answer) ends at once instead of after it.
import { setTimeout as sleep } from 'node:timers/promises';

/** How often a running automation looks for an operator's stop in its run's events. */
const STOP_POLL_MS = 300;

/** The reason a stopped run's waits end with: an AbortError, as platform requests and timers report it. */
export function stopRequestedError(): Error {
  const error = new Error('the run was asked to stop');
  error.name = 'AbortError';
  return error;
}

/**
 * Aborts when `requested()` says an operator asked the run to stop, or when `shutdown` aborts (the process stops its
 * jobs). `dispose()` ends the watching once the run is over.
 */
export function watchForStop(requested: () => Promise<boolean>, shutdown: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const done = new AbortController();
  const onShutdown = () => stop.abort(stopRequestedError());
  shutdown.addEventListener('abort', onShutdown, { once: true });
  if (shutdown.aborted) onShutdown();
  void (async () => {
    while (!stop.signal.aborted && !done.signal.aborted) {
      await sleep(STOP_POLL_MS, undefined, { signal: done.signal }).catch(() => undefined);
      if (done.signal.aborted) return;
      // A store that does not answer now is asked again at the next poll; the run's own writes report it.
      if (await requested().catch(() => false)) stop.abort(stopRequestedError());
    }
  })();
  return {
    signal: stop.signal,
    dispose() {
      done.abort();
      shutdown.removeEventListener('abort', onShutdown);
    },
  };
}

/** The page or batch boundary: true when the run was asked to stop, so it ends here with what it has done. */
export function stopRequested(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Whether `error` is the stop itself (a platform wait or request that ended because the run was asked to stop). */
export function endedByStop(error: unknown, signal: AbortSignal | undefined): boolean {
  if (!stopRequested(signal)) return false;
  return error === signal!.reason || (error instanceof Error && error.name === 'AbortError');
}

/** Runs `work` until it ends or the run is asked to stop: the stop is not a failure, what was done so far stands. */
export async function untilStopped(signal: AbortSignal | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!endedByStop(error, signal)) throw error;
  }
}

/** Works through the items one by one, each a boundary: a stop ends the work before the next item. */
export async function eachUntilStopped<Item>(
  signal: AbortSignal | undefined,
  items: Iterable<Item> | AsyncIterable<Item>,
  work: (item: Item) => Promise<void>,
): Promise<void> {
  await untilStopped(signal, async () => {
    for await (const item of items) {
      if (stopRequested(signal)) return;
      await work(item);
    }
  });
}

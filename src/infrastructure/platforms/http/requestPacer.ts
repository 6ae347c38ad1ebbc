// Keeps one credential under a platform's request limit: a sliding window shared by every client of that credential in the process.
import { createHash } from 'node:crypto';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type Now = () => number;

interface Slot {
  /** When the request's answer arrived; Infinity while it is in flight. */
  at: number;
}

export class RequestPacer {
  private readonly slots: Slot[] = [];
  private pausedUntil = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private wakeOnRelease: (() => void) | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Waits for a free slot; the returned release stamps the slot with the answer's arrival. */
  acquire(now: Now, sleep: Sleep, signal?: AbortSignal): Promise<() => void> {
    // Callers queue in order so a burst cannot overtake a waiter.
    const granted = this.turn.then(() => this.waitForSlot(now, sleep, signal));
    this.turn = granted.catch(() => undefined);
    return granted;
  }

  /** After a 429 every client of the key holds off until the server's Retry-After has passed. */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }

  private async waitForSlot(now: Now, sleep: Sleep, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const time = now();
      if (this.pausedUntil > time) {
        await sleep(this.pausedUntil - time, signal);
        continue;
      }
      this.dropExpired(time);
      if (this.slots.length < this.limit) {
        const slot: Slot = { at: Infinity };
        this.slots.push(slot);
        return () => {
          // The server counts arrivals we cannot see; stamping at our answer is later than its arrival, hence safe.
          slot.at = now();
          this.wakeOnRelease?.();
        };
      }
      const oldest = Math.min(...this.slots.map((slot) => slot.at));
      // With every slot in flight, the next release is the earliest news; the window length bounds the wait anyway.
      await this.sleepOrRelease(Number.isFinite(oldest) ? oldest + this.windowMs - time : this.windowMs, sleep, signal);
    }
  }

  private async sleepOrRelease(ms: number, sleep: Sleep, signal?: AbortSignal): Promise<void> {
    const released = new Promise<void>((resolve) => (this.wakeOnRelease = resolve));
    try {
      await sleepOrNews(sleep, ms, released, signal);
    } finally {
      this.wakeOnRelease = undefined;
    }
  }

  private dropExpired(time: number): void {
    for (let index = this.slots.length - 1; index >= 0; index--) {
      if (this.slots[index].at <= time - this.windowMs) this.slots.splice(index, 1);
    }
  }
}

/** Sleeps `ms`, or less when `news` comes first; the losing timer is cancelled so no stray timeout keeps the process alive. */
export async function sleepOrNews(sleep: Sleep, ms: number, news: Promise<void>, signal?: AbortSignal): Promise<void> {
  const done = new AbortController();
  const timer = sleep(ms, signal ? AbortSignal.any([signal, done.signal]) : done.signal).catch((error: unknown) => {
    if (!done.signal.aborted) throw error;
  });
  try {
    await Promise.race([timer, news]);
  } finally {
    done.abort();
  }
}

const pacers = new Map<string, RequestPacer>();

/** The pacer of one credential at one endpoint; the credential itself is kept only as a hash. */
export function pacerFor(origin: string, apiKey: string, limit: number, windowMs: number): RequestPacer {
  const keyHash = createHash('sha256').update(apiKey).digest('hex');
  const id = `${origin}\n${keyHash}\n${limit}\n${windowMs}`;
  let pacer = pacers.get(id);
  if (!pacer) {
    pacer = new RequestPacer(limit, windowMs);
    pacers.set(id, pacer);
  }
  return pacer;
}

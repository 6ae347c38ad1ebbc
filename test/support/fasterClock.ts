// A platform's limits running `speed` times faster than the wall clock, shared by a simulator and the adapter that talks
// to it: minutes of pacing against a slowly restoring bucket take seconds, and both sides still count the same time.
import { setTimeout as delay } from 'node:timers/promises';

export interface FasterClock {
  readonly speed: number;
  /** Milliseconds since the epoch on the faster clock. */
  now(): number;
  /** Waits `ms` of the faster clock. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function fasterClock(speed: number): FasterClock {
  const origin = Date.now();
  return {
    speed,
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms, signal) => delay(ms / speed, undefined, { signal }),
  };
}

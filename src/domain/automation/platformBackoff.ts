// How long an automation waits after its platform was unavailable: doubling from 30 s to an hour, never sooner than the platform asked.

const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** The wait after the n-th failure in a row (1 for the first), at least the platform's Retry-After. */
export function platformBackoffMs(failuresInARow: number, retryAfterMs = 0): number {
  const doubled = FIRST_WAIT_MS * 2 ** Math.min(Math.max(0, failuresInARow - 1), 20);
  return Math.max(Math.min(doubled, LONGEST_WAIT_MS), Math.min(retryAfterMs, LONGEST_WAIT_MS));
}

// A platform's request limit as its simulator enforces it: N requests per key in any sliding window.

export class SlidingWindowLimit {
  private readonly arrivals = new Map<string, number[]>();

  /** `limit` 0 means unlimited. */
  constructor(
    private limit: number,
    private readonly windowMs: number,
  ) {}

  /** As when an account's plan changes: the requests already in the window still count. */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Counts the request and returns 0, or returns how many ms remain until it would be allowed (not counted). */
  admit(key: string, now: number): number {
    if (this.limit <= 0) return 0;
    const recent = (this.arrivals.get(key) ?? []).filter((at) => at > now - this.windowMs);
    this.arrivals.set(key, recent);
    if (recent.length >= this.limit) return recent[recent.length - this.limit] + this.windowMs - now;
    recent.push(now);
    return 0;
  }
}

// KeyCRM's per-key limit as the simulator enforces it: N requests in any sliding window.

export class KeycrmRateWindow {
  private readonly arrivals = new Map<string, number[]>();

  /** `limit` 0 means unlimited. */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request and returns 0, or returns how many ms remain until it would be allowed (not counted). */
  admit(key: string, now: number): number {
    if (this.limit <= 0) return 0;
    const recent = (this.arrivals.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.arrivals.set(key, recent);
      return recent[recent.length - this.limit] + this.windowMs - now;
    }
    recent.push(now);
    this.arrivals.set(key, recent);
    return 0;
  }
}

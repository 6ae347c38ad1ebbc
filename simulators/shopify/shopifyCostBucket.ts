// The GraphQL Admin API's leaky bucket of cost points per app and shop: a query needs its requested cost in the bucket
// before it runs, the difference to its actual cost is given back after, and the bucket refills at the restore rate.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class ShopifyCostBucket {
  private available: number;
  private at = 0;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
  ) {
    this.available = maximumAvailable;
  }

  /** Takes the requested cost and answers true, or answers false (THROTTLED) and takes nothing. */
  take(cost: number, now: number): boolean {
    this.refill(now);
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** After the query ran: what it did not use goes back. */
  refund(points: number, now: number): void {
    this.refill(now);
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  status(now: number): ThrottleStatus {
    this.refill(now);
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }

  private refill(now: number): void {
    if (this.at > 0) this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }
}

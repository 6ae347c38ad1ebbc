// Shopify's REST limit as the simulator enforces it: a bucket of `size` requests that leaks `leakPerSecond`.

export class ShopifyLeakyBucket {
  private level = 0;
  private at = 0;

  /** `size` 0 means unlimited. */
  constructor(
    readonly size: number,
    readonly leakPerSecond: number,
  ) {}

  /** Adds the request and returns 0, or returns how many ms until it would fit (not added). */
  admit(now: number): number {
    if (this.size <= 0) return 0;
    this.drain(now);
    if (this.level + 1 > this.size) return Math.ceil(((this.level + 1 - this.size) / this.leakPerSecond) * 1000);
    this.level += 1;
    return 0;
  }

  /** "used/size" as X-Shopify-Shop-Api-Call-Limit says it. */
  header(now: number): string {
    this.drain(now);
    return `${Math.ceil(this.level - 1e-9)}/${this.size > 0 ? this.size : 40}`;
  }

  private drain(now: number): void {
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.leakPerSecond);
    this.at = now;
  }
}

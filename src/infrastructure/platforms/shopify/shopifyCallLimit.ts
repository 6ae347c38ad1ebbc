// Shopify's REST leaky bucket (40 requests, leaking 2 a second on standard plans). Every answer says how full it is
// in X-Shopify-Shop-Api-Call-Limit ("used/size"); a local model of the bucket, corrected by that header, holds each
// request until it fits with a reserve to spare, so concurrent runs against one shop do not earn 429s.
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

export interface CallLimit {
  used: number;
  size: number;
}

/** "32/40" → {used: 32, size: 40}; undefined when the header is absent or unreadable. */
export function readCallLimit(header: string | null): CallLimit | undefined {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(header ?? '');
  if (!match) return undefined;
  const [used, size] = [Number(match[1]), Number(match[2])];
  return size > 0 ? { used, size } : undefined;
}

/** Free slots kept for other apps' requests and for estimation error: a tenth of the bucket, at least one. */
export const reserveOf = (size: number): number => Math.max(1, Math.floor(size / 10));

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export class ShopifyCallBucket {
  private level = 0;
  private at = 0;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private size: number,
    private readonly leakPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  /** Waits, in arrival order, until one more request fits below the reserve; then counts it. */
  take(signal?: AbortSignal): Promise<void> {
    const granted = this.turn.then(() => this.waitForRoom(signal));
    this.turn = granted.catch(() => undefined);
    return granted;
  }

  /** What the shop said after a request: it also counts other clients of the shop that this model cannot see. */
  observe(limit: CallLimit): void {
    this.drain();
    this.size = limit.size;
    this.level = Math.max(this.level, limit.used);
  }

  /** How long until one more request fits, 0 when it fits now. */
  waitMs(): number {
    this.drain();
    const room = this.size - reserveOf(this.size);
    return this.level + 1 <= room ? 0 : Math.ceil(((this.level + 1 - room) / this.leakPerSecond) * 1000);
  }

  private async waitForRoom(signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
      signal?.throwIfAborted();
      await this.sleep(wait, signal);
    }
    this.level += 1;
  }

  private drain(): void {
    const time = this.now();
    this.level = Math.max(0, this.level - ((time - this.at) / 1000) * this.leakPerSecond);
    this.at = time;
  }
}

const buckets = new Map<string, ShopifyCallBucket>();

/** The bucket of one app token at one shop, shared by every client in the process; the token is kept only as a hash. */
export function callBucketFor(shop: string, accessToken: string, leakPerSecond: number): ShopifyCallBucket {
  const id = `${shop}\n${createHash('sha256').update(accessToken).digest('hex')}\n${leakPerSecond}`;
  let bucket = buckets.get(id);
  if (!bucket) {
    // 40 until the first answer says otherwise.
    bucket = new ShopifyCallBucket(40, leakPerSecond);
    buckets.set(id, bucket);
  }
  return bucket;
}

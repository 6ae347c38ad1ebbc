// Pacing by Shopify's own numbers: every GraphQL answer says in `extensions.cost.throttleStatus` how full the app's bucket
// is, how big it is and how fast it refills. A local model of that bucket, corrected by each answer, holds a query until
// its cost fits, so runs against one shop do not earn THROTTLED; each operation's requested cost is learned from its
// answers, and pages are sized to fit the bucket.
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sleepOrNews, type Sleep } from '../http/requestPacer.js';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** Shopify refuses any single query dearer than this, whatever the bucket holds. */
export const SINGLE_QUERY_MAX = 1000;
/** A connection's own cost beside its items is 2; a page asked for through an object (an order's lines) costs 1 more. */
const CONNECTION_BASE = 2;
const NESTED_CONNECTION_BASE = 3;
const MAX_PAGE = 250;

export interface Reservation {
  /** The answer arrived: what Shopify said replaces the model (null when it said nothing). */
  settle(status: ThrottleStatus | undefined): void;
}

export class ShopifyCostBucket {
  private status: ThrottleStatus | undefined;
  private at = 0;
  private inFlight = 0;
  /** Settles with the first answer: until Shopify has said how big the bucket is, one query at a time. */
  private firstAnswer: Promise<void> | undefined;
  private answered: (() => void) | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  /** Wakes a waiting query when an answer brings news of the bucket, so it need not sleep out an older estimate. */
  private wake: (() => void) | undefined;
  /** Requested cost per operation and variables, and the dearest cost per item of each paged operation. */
  private readonly costs = new Map<string, number>();
  private readonly itemCosts = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  /** The most a query may cost here: the bucket, never more than Shopify's single-query maximum. */
  get budget(): number | undefined {
    return this.status ? Math.min(this.status.maximumAvailable, SINGLE_QUERY_MAX) : undefined;
  }

  /** Waits in arrival order until `cost` points are (modelled to be) in the bucket, then counts them as spent. */
  reserve(cost: number | undefined, signal?: AbortSignal): Promise<Reservation> {
    const granted = this.turn.then(() => this.waitFor(cost, signal));
    this.turn = granted.catch(() => undefined);
    return granted;
  }

  /** How long until `cost` points are there; 0 when they are, or when nothing is known yet. */
  waitMs(cost: number): number {
    if (!this.status) return 0;
    const wanted = Math.min(cost, this.status.maximumAvailable);
    const missing = wanted - this.available();
    return missing <= 0 ? 0 : Math.ceil((missing / this.status.restoreRate) * 1000);
  }

  /** A THROTTLED answer: what Shopify said, so the retry waits for the points it needs. */
  throttled(status: ThrottleStatus | undefined): void {
    if (status) this.observe(status, 0);
  }

  /** The requested cost Shopify gave for an operation; `first` is its page size when it is paged. */
  learn(key: string, requested: number, first?: number): void {
    this.costs.set(key, requested);
    if (first === undefined || first <= 0) return;
    const operation = key.split('\n')[0];
    const perItem = Math.max(0, requested - CONNECTION_BASE) / first;
    this.itemCosts.set(operation, Math.max(this.itemCosts.get(operation) ?? 0, perItem));
  }

  /** What a query with these variables was last charged, or its page-size estimate, or undefined when never seen. */
  estimate(key: string, first?: number): number | undefined {
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    const perItem = this.itemCosts.get(key.split('\n')[0]);
    return perItem !== undefined && first !== undefined ? Math.ceil(NESTED_CONNECTION_BASE + first * perItem) : undefined;
  }

  /** The page size whose cost fits the bucket: small while nothing is known, then as many as fit (at most `most`). */
  pageSize(operation: string, most = MAX_PAGE): number {
    const perItem = this.itemCosts.get(operation);
    const budget = this.budget;
    if (perItem === undefined || budget === undefined) return 1;
    if (perItem === 0) return most;
    // Items learnt as (cost − 2) / size and sized as 3 + size × item: never more than the bucket, whichever base is true.
    return Math.max(1, Math.min(most, Math.floor((budget - NESTED_CONNECTION_BASE) / perItem)));
  }

  private async waitFor(cost: number | undefined, signal?: AbortSignal): Promise<Reservation> {
    while (!this.status && this.firstAnswer) await this.firstAnswer;
    if (!this.status) this.firstAnswer = new Promise<void>((resolve) => (this.answered = resolve));
    // A query never seen waits for a full bucket: whatever it costs, it fits then.
    const wanted = cost ?? this.status?.maximumAvailable ?? 0;
    for (let wait = this.waitMs(wanted); wait > 0; wait = this.waitMs(wanted)) {
      signal?.throwIfAborted();
      await this.sleepOrNews(wait, signal);
    }
    const spent = this.status ? Math.min(wanted, this.status.maximumAvailable) : 0;
    this.take(spent);
    this.inFlight += spent;
    let settled = false;
    return {
      settle: (status) => {
        if (settled) return;
        settled = true;
        this.inFlight -= spent;
        if (status) this.observe(status, this.inFlight);
        // No news either way: the next query may go and ask.
        this.firstAnswer = undefined;
        this.answered?.();
      },
    };
  }

  /** Shopify's word is the truth, less what other queries still on their way will be charged. */
  private observe(status: ThrottleStatus, othersInFlight: number): void {
    this.status = { ...status, currentlyAvailable: Math.max(0, status.currentlyAvailable - othersInFlight) };
    this.at = this.now();
    this.wake?.();
  }

  private async sleepOrNews(ms: number, signal?: AbortSignal): Promise<void> {
    const news = new Promise<void>((resolve) => (this.wake = resolve));
    try {
      await sleepOrNews(this.sleep, ms, news, signal);
    } finally {
      this.wake = undefined;
    }
  }

  private available(): number {
    if (!this.status) return Infinity;
    const restored = ((this.now() - this.at) / 1000) * this.status.restoreRate;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + restored);
  }

  private take(points: number): void {
    if (!this.status) return;
    this.status = { ...this.status, currentlyAvailable: this.available() - points };
    this.at = this.now();
  }
}

const buckets = new Map<string, ShopifyCostBucket>();

/**
 * The bucket of one app at one shop, shared by every client in the process; the app is known by a hash only. The
 * clock of the first client to ask is the bucket's (the system clock, but for tests that run a shop's time faster).
 */
export function costBucketFor(shop: string, app: string, clock: { now?: () => number; sleep?: Sleep } = {}): ShopifyCostBucket {
  const id = `${shop}\n${createHash('sha256').update(app).digest('hex')}`;
  let bucket = buckets.get(id);
  if (!bucket) {
    bucket = new ShopifyCostBucket(clock.now, clock.sleep);
    buckets.set(id, bucket);
  }
  return bucket;
}

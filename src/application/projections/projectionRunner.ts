import { EventEmitter } from 'node:events';
import type { EventStore, RecordedEvent, Subscription } from '../ports/eventStore.js';
import type { ReadModels, ReadModelTransaction } from '../ports/readModels.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import { KnownDocuments } from './knownDocuments.js';
import { planBatch, unplanned, writePlanned, type PlannedBatch } from './plannedBatch.js';
import type { Projection } from './projection.js';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  logger?: Logger;
  /** First pause before following the log again after a failure; doubles up to 30 s. */
  retryAfterMs?: number;
}

/** Whether a read model follows the log, or is waiting to follow it again after a failure (e.g. a lost database). */
export interface ProjectionStatus {
  projection: string;
  state: 'following' | 'retrying' | 'stopped';
  /** The failure it is recovering from; null while following. */
  lastError: string | null;
}

const LONGEST_RETRY_MS = 30_000;
/**
 * A batch with nothing this projection handles is passed over without a transaction; the checkpoint is still
 * stored once it lags this many positions, or this long after the first batch passed over, so a restart does not
 * re-read a long stretch of the log and the stored checkpoint shows a following read model at the end of the log.
 */
const UNCOMMITTED_SPAN = 5_000;
const UNCOMMITTED_MS = 1_000;
/** A following runner's batches are small and mostly of new documents: it keeps fewer than a catch-up does. */
const LIVE_KNOWN_DOCUMENTS = 500;
const EMPTY: ReadonlySet<string> = new Set();

/** Whether a runner's next batches can be worked out from what it knows, and whether its writes are deferred. */
interface Plans {
  trusted: boolean;
  deferred?: boolean;
}

export interface CatchUpOptions {
  /** Inclusive: events after it are left for later; to the end of the log when absent. */
  upTo?: number;
  onBatch?(done: number, position: number): void;
  /** For a side copy nobody reads before its catch-up ends (see catchUp). */
  deferWrites?: boolean;
  /** Documents kept in memory (KnownDocuments' capacity). */
  keep?: number;
}

/** Whether every runner's read model includes `position` (false when one did not within the timeout). */
export async function allApplied(runners: readonly ProjectionRunner[], position: number, timeoutMs?: number): Promise<boolean> {
  const applied = await Promise.all(runners.map((runner) => runner.waitUntilApplied(position, timeoutMs)));
  return applied.every(Boolean);
}

/** Keeps one projection's read model up to date: each batch and its checkpoint commit together. */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private readonly batchSize: number;
  private readonly logger: Logger;
  /** Highest position this runner has committed, so callers can read their own writes. */
  private appliedUpTo = 0;
  /** The checkpoint as this runner last stored or read it. */
  private storedUpTo = 0;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagStore: Promise<void> | undefined;
  private readonly progress = new EventEmitter();
  private readonly retryAfterMs: number;
  private failure: string | null = null;
  /** What a following runner knows of its own documents between batches (see apply). */
  private known: KnownDocuments | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    readonly projection: Projection,
    options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? silentLogger;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
    this.progress.setMaxListeners(0);
  }

  status(): ProjectionStatus {
    const state = !this.subscription ? 'stopped' : this.failure ? 'retrying' : 'following';
    return { projection: this.projection.name, state, lastError: this.failure };
  }

  /** Resolves once the read model includes the event at `position`; false when it did not within the timeout. */
  async waitUntilApplied(position: number, timeoutMs = 5_000): Promise<boolean> {
    if (this.appliedUpTo >= position) return true;
    return new Promise<boolean>((resolve) => {
      const onProgress = () => {
        if (this.appliedUpTo < position) return;
        clearTimeout(timer);
        this.progress.off('applied', onProgress);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.progress.off('applied', onProgress);
        resolve(false);
      }, timeoutMs);
      this.progress.on('applied', onProgress);
    });
  }

  /** Subscribes from the stored checkpoint; resolves once caught up with the events that existed. */
  async start(): Promise<void> {
    if (this.subscription) return;
    const after = await this.readCheckpoint();
    this.appliedUpTo = Math.max(this.appliedUpTo, this.storedUpTo);
    await this.follow(after).caughtUp;
  }

  private follow(after: number | undefined): Subscription {
    this.known = undefined;
    const subscription = this.store.subscribe({ after, batchSize: this.batchSize, onEvents: (events) => this.apply(events) });
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => this.recover(subscription, error));
    return subscription;
  }

  /** A failed batch (the database went away, say) is not the end: follow again from the checkpoint, with growing pauses. */
  private async recover(failed: Subscription, error: unknown): Promise<void> {
    if (this.subscription !== failed) return; // stopped or replaced meanwhile
    this.failure = messageOf(error);
    this.logger.error({ projection: this.projection.name, err: error }, 'projection stopped on error; it follows the log again from its checkpoint');
    for (let waitMs = this.retryAfterMs; this.subscription === failed; waitMs = Math.min(waitMs * 2, LONGEST_RETRY_MS)) {
      await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      if (this.subscription !== failed) return;
      try {
        const next = this.follow(await this.readCheckpoint());
        next.caughtUp.then(
          () => {
            if (this.subscription === next) this.failure = null;
          },
          () => undefined,
        );
        return;
      } catch (retryError) {
        this.failure = messageOf(retryError);
      }
    }
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    clearTimeout(this.lagTimer);
    this.lagTimer = undefined;
    // A rebuild resets the checkpoint next: a late store of the old one must not land after it.
    await this.lagStore;
  }

  /** Rebuild from zero: drop the read model and its checkpoint, then replay every event. */
  async rebuild(): Promise<void> {
    const wasRunning = this.subscription !== undefined;
    await this.stop();
    await this.readModels.reset(this.projection.name, this.projection.collections);
    if (wasRunning) await this.start();
    else await this.catchUp();
  }

  /**
   * Applies everything up to the current end of the log (or up to `upTo`, inclusive), without staying subscribed;
   * answers how many events it read, `onBatch` hearing the count so far after each batch. A pipeline: while a batch
   * commits, the next page is read and its documents worked out from what this runner wrote (see KnownDocuments).
   * `deferWrites`, for a side copy nobody reads before its catch-up ends: a document is written when it leaves what
   * the runner keeps (`keep` documents), or at the end, so its checkpoint runs ahead of its documents until then.
   */
  async catchUp({ upTo, onBatch, deferWrites = false, keep }: CatchUpOptions = {}): Promise<number> {
    let done = 0;
    const after = await this.readCheckpoint();
    const known = new KnownDocuments(this.readModels, new Set(this.projection.collections), keep, deferWrites);
    const plans: Plans = { trusted: true, deferred: deferWrites };
    let from = this.storedUpTo;
    let committing: Promise<void> = Promise.resolve();
    const read = (position: number | undefined) => {
      const page = this.store.readAll({ after: position, maxCount: this.batchSize });
      page.catch(() => undefined); // awaited below; a read ahead that fails must not go unhandled meanwhile
      return page;
    };
    let next = read(after);
    try {
      for (;;) {
        const page = await next;
        const events = upTo === undefined ? page : page.filter((event) => event.position <= upTo);
        const atEnd = events.length < this.batchSize;
        if (!atEnd) next = read(events[events.length - 1].position);
        const last = events[events.length - 1]?.position;
        if (events.length > 0) {
          const planned = plans.trusted ? await planBatch(this.projection, known, events, from) : unplanned(this.projection, events, from);
          await committing;
          const batch = deferWrites ? { ...planned, writes: known.due() } : planned;
          known.committing(new Set(batch.writes.keys()));
          if (batch.handles || batch.to - from >= UNCOMMITTED_SPAN) from = batch.to;
          committing = this.commitPlanned(batch, plans).then(() => {
            done += events.length;
            onBatch?.(done, last!);
          });
          committing.catch(() => undefined); // awaited before the next commit; a failure meanwhile must not go unhandled
        }
        if (atEnd) {
          await committing;
          await this.writeUnwritten(known, from, plans);
          // The end of a catch-up is stored even when its last stretch held nothing to apply.
          if (last !== undefined) await this.storeCheckpoint(last);
          return done;
        }
      }
    } catch (error) {
      await committing.catch(() => undefined);
      throw error;
    }
  }

  /**
   * The end of a catch-up deferring its writes: what is still unwritten, in commits no larger than a batch's, each
   * leaving the checkpoint where it is; the next is handed over while one commits (where the store has connections to
   * spare, it turns the next into statement text while the store writes the one before).
   */
  private async writeUnwritten(known: KnownDocuments, at: number, plans: Plans): Promise<void> {
    let committing: Promise<void> = Promise.resolve();
    for (;;) {
      const rest = known.due({ all: true, most: this.batchSize });
      if (rest.size === 0) break;
      const next = this.commitPlanned({ events: [], from: at, to: at, handles: true, writes: rest }, plans);
      next.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
      await committing;
      committing = next;
    }
    await committing;
  }

  /** Events at or below the checkpoint were applied already (duplicate delivery) and are skipped. */
  async apply(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1]?.position ?? 0;
    if (!events.some((event) => this.projection.handles.has(event.type)) && last - this.storedUpTo < UNCOMMITTED_SPAN) {
      this.advanceTo(last);
      if (this.subscription) this.storeLagLater();
      return;
    }
    // Worked out against what this runner knows, then committed in one statement where the store can: the path of a
    // catch-up, without its read ahead. A checkpoint moved by another writer (a rebuild's switch, another process)
    // makes what it knows stale: that batch is applied inside a transaction and the next starts from the store again.
    const known = (this.known ??= new KnownDocuments(this.readModels, new Set(this.projection.collections), LIVE_KNOWN_DOCUMENTS));
    const plans: Plans = { trusted: true };
    const batch = await planBatch(this.projection, known, events, this.storedUpTo);
    // Nothing is in flight between a follower's batches; this only forgets the oldest documents beyond its capacity.
    known.committing(EMPTY);
    await this.commitPlanned(batch, plans);
    if (!plans.trusted) this.known = undefined;
  }

  /**
   * Commits a batch worked out ahead, in one statement where the store can. When the checkpoint is not the one it was
   * planned on (another runner of this projection committed meanwhile), what this runner knows is stale: the batch,
   * and every later one, is worked out again inside its transaction.
   */
  private async commitPlanned(batch: PlannedBatch, plans: Plans): Promise<void> {
    if (!batch.handles && batch.to - this.storedUpTo < UNCOMMITTED_SPAN) return this.advanceTo(batch.to);
    const { from, to } = batch;
    let committed = 0;
    if (plans.trusted && this.readModels.commitPlanned) {
      if (await this.readModels.commitPlanned(this.projection.name, { from, to, writes: batch.writes.values() })) committed = to;
      else plans.trusted = false;
    }
    if (committed === 0) {
      await this.readModels.transact(this.projection.name, async (tx) => {
        if (plans.trusted && (tx.checkpoint ?? 0) === from) {
          await writePlanned(batch, tx);
          return (committed = to);
        }
        plans.trusted = false;
        // Deferred writes are nowhere but in this runner: applied again from the store, they would be lost.
        if (plans.deferred) throw new Error(`Another writer moved the checkpoint of ${this.projection.name} during its replay; run it again`);
        return (committed = await this.applyWithin(tx, batch.events));
      });
    }
    this.storedUpTo = Math.max(this.storedUpTo, committed);
    this.advanceTo(committed);
  }

  /** Applies the events after the transaction's checkpoint; answers the position to store. */
  private async applyWithin(tx: ReadModelTransaction, events: RecordedEvent[]): Promise<number> {
    let position = tx.checkpoint ?? 0;
    const { documentsOf } = this.projection;
    if (documentsOf && tx.prefetch) {
      const fresh = events.filter((event) => event.position > position && this.projection.handles.has(event.type));
      await tx.prefetch(fresh.flatMap((event) => documentsOf(event)));
    }
    for (const event of events) {
      if (event.position <= position) continue;
      if (this.projection.handles.has(event.type)) await this.projection.apply(event, tx);
      position = event.position;
    }
    return position;
  }

  /** A following runner stores the checkpoint it passed over within UNCOMMITTED_MS, even if the log goes quiet. */
  private storeLagLater(): void {
    if (this.lagTimer) return;
    this.lagTimer = setTimeout(() => {
      this.lagTimer = undefined;
      // A failure (the database is away) is not lost: the next batch passed over schedules the store again.
      this.lagStore = this.storeCheckpoint(this.appliedUpTo).catch(() => undefined);
    }, UNCOMMITTED_MS);
    this.lagTimer.unref();
  }

  /** The stored checkpoint, which this runner then knows it need not store again. */
  private async readCheckpoint(): Promise<number | undefined> {
    const after = await this.readModels.checkpoint(this.projection.name);
    this.storedUpTo = after ?? 0;
    return after;
  }

  private async storeCheckpoint(position: number): Promise<void> {
    if (position <= this.storedUpTo) return;
    await this.readModels.transact(this.projection.name, async (tx) => Math.max(tx.checkpoint ?? 0, position));
    // A batch committed meanwhile may have stored a later one.
    this.storedUpTo = Math.max(this.storedUpTo, position);
  }

  private advanceTo(position: number): void {
    if (position <= this.appliedUpTo) return;
    this.appliedUpTo = position;
    this.progress.emit('applied');
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

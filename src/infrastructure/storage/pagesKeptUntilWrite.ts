import type {
  FindQuery,
  FoundPage,
  KeptTotal,
  PlannedWrite,
  ReadModelDocument,
  ReadModels,
  ReadModelSwap,
  ReadModelTransaction,
  StoredReadModelDocument,
  TextMatch,
} from '../../application/ports/readModels.js';

/** Enough for the first pages of each list a dashboard polls, with their filters. */
const KEPT_PAGES = 64;

/**
 * Read models of a store this process alone writes (the embedded profile holds its directory's lock): a page found
 * is kept and answered again until the next write, so a polled list costs its single connection one read per change,
 * not one per request. Every write goes through here, so "unchanged since" is known exactly, with no time to live.
 */
export class PagesKeptUntilWrite implements ReadModels {
  /** In order of last use; a use inserts again. */
  private readonly pages = new Map<string, FoundPage<ReadModelDocument>>();
  /** Moves when a write starts and when it ends: a page read across a write is not kept. */
  private writes = 0;
  readonly commitPlanned?: ReadModels['commitPlanned'];

  constructor(private readonly inner: ReadModels) {
    const commitPlanned = inner.commitPlanned?.bind(inner);
    if (commitPlanned) {
      this.commitPlanned = (projection: string, batch: { from: number; to: number; writes: Iterable<PlannedWrite> }) =>
        this.writing(() => commitPlanned(projection, batch));
    }
  }

  async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    const key = JSON.stringify([collection, query, keptTotal ?? null]);
    const kept = this.pages.get(key);
    if (kept) {
      this.pages.delete(key);
      this.pages.set(key, kept);
      return copyOf(kept) as FoundPage<T>;
    }
    const before = this.writes;
    const found = await this.inner.findPage<T>(collection, query, keptTotal);
    if (this.writes === before) this.keep(key, copyOf(found));
    return found;
  }

  transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    return this.writing(() => this.inner.transact(projection, work));
  }

  reset(projection: string, collections: string[]): Promise<void> {
    return this.writing(() => this.inner.reset(projection, collections));
  }

  promote(swap: ReadModelSwap, catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>): Promise<void> {
    return this.writing(() => this.inner.promote(swap, catchUp));
  }

  checkpoint(projection: string): Promise<number | undefined> {
    return this.inner.checkpoint(projection);
  }

  get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    return this.inner.get<T>(collection, id);
  }

  getMany<T extends ReadModelDocument>(collection: string, ids: readonly string[], options?: Pick<FindQuery, 'omit' | 'pick'>): Promise<StoredReadModelDocument<T>[]> {
    return this.inner.getMany<T>(collection, ids, options);
  }

  find<T extends ReadModelDocument>(collection: string, query?: FindQuery): Promise<T[]> {
    return this.inner.find<T>(collection, query);
  }

  count(collection: string, where?: FindQuery['where'], matching?: TextMatch): Promise<number> {
    return this.inner.count(collection, where, matching);
  }

  scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]> {
    return this.inner.scan(collection, page);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    this.pages.clear();
    return this.inner.close();
  }

  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.forget();
    try {
      return await write();
    } finally {
      // A write that failed may still have changed something (a commit whose answer was lost): forget either way.
      this.forget();
    }
  }

  private forget(): void {
    this.writes++;
    this.pages.clear();
  }

  private keep(key: string, page: FoundPage<ReadModelDocument>): void {
    this.pages.set(key, page);
    if (this.pages.size > KEPT_PAGES) this.pages.delete(this.pages.keys().next().value!);
  }
}

/**
 * A caller may change what it was given; what is kept stays as read. Documents of fields without objects in them (a
 * list's ids and versions) are copied field by field: structuredClone cost a polled list a sixth of its CPU.
 */
function copyOf<T extends ReadModelDocument>(page: FoundPage<T>): FoundPage<T> {
  return page.items.every(isFlat) ? { ...page, items: page.items.map((doc) => ({ ...doc })) } : structuredClone(page);
}

const isFlat = (doc: ReadModelDocument) => Object.values(doc).every((value) => value === null || typeof value !== 'object');

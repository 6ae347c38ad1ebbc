import type {
  FindQuery,
  FoundPage,
  KeptTotal,
  ReadModelDocument,
  ReadModels,
  ReadModelSwap,
  ReadModelTransaction,
  StoredReadModelDocument,
  TextMatch,
} from '../../application/ports/readModels.js';

/** In-process read models for unit tests; a transaction's writes land only if its work succeeds. */
export class MemoryReadModels implements ReadModels {
  private readonly docs = new Map<string, Map<string, ReadModelDocument>>();
  private readonly checkpoints = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();

  async transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    return this.serialised(projection, () => this.runTransaction(projection, work));
  }

  /** Serialise per projection, like the row lock of the SQL adapter. */
  private serialised(projection: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(projection) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.queues.set(projection, next.catch(() => undefined));
    return next;
  }

  async scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]> {
    const after = page.afterId ?? '';
    return [...this.collection(collection).entries()]
      .filter(([id]) => id > after)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, page.limit)
      .map(([id, doc]) => ({ id, doc: structuredClone(doc) }));
  }

  async promote(
    swap: ReadModelSwap,
    catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>,
  ): Promise<void> {
    return this.serialised(swap.live, async () => {
      const liveCheckpoint = this.checkpoints.get(swap.live);
      await this.runTransaction(swap.side, (tx) => catchUp(tx, liveCheckpoint));
      const position = this.checkpoints.get(swap.side) ?? 0;
      if (position < (liveCheckpoint ?? 0)) {
        throw new Error(`The copy of ${swap.live} built aside stops at ${position}, behind the live read model at ${liveCheckpoint}`);
      }
      // Nothing awaits between here and the end: the switch is atomic for every other caller.
      for (const { live, side } of swap.collections) {
        this.docs.set(live, this.docs.get(side) ?? new Map());
        this.docs.delete(side);
      }
      this.checkpoints.set(swap.live, position);
      this.checkpoints.delete(swap.side);
    });
  }

  private async runTransaction(projection: string, work: (tx: ReadModelTransaction) => Promise<number>) {
    const staged = new Map<string, Map<string, ReadModelDocument | undefined>>();
    const stagedIn = (collection: string) => {
      if (!staged.has(collection)) staged.set(collection, new Map());
      return staged.get(collection)!;
    };
    const position = await work({
      checkpoint: this.checkpoints.get(projection),
      get: async <T extends ReadModelDocument>(collection: string, id: string) => {
        const pending = staged.get(collection);
        const doc = pending?.has(id) ? pending.get(id) : this.collection(collection).get(id);
        return doc === undefined ? undefined : (structuredClone(doc) as T);
      },
      put: async (collection, id, doc) => void stagedIn(collection).set(id, structuredClone(doc)),
      delete: async (collection, id) => void stagedIn(collection).set(id, undefined),
    });
    for (const [collection, changes] of staged) {
      for (const [id, doc] of changes) {
        if (doc === undefined) this.collection(collection).delete(id);
        else this.collection(collection).set(id, doc);
      }
    }
    this.checkpoints.set(projection, position);
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    return this.checkpoints.get(projection);
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const doc = this.collection(collection).get(id);
    return doc === undefined ? undefined : (structuredClone(doc) as T);
  }

  async getMany<T extends ReadModelDocument>(
    collection: string,
    ids: readonly string[],
    options: Pick<FindQuery, 'omit' | 'pick'> = {},
  ): Promise<StoredReadModelDocument<T>[]> {
    const docs = this.collection(collection);
    return [...new Set(ids)].filter((id) => docs.has(id)).map((id) => ({ id, doc: shaped(docs.get(id)!, options) as T }));
  }

  async find<T extends ReadModelDocument>(collection: string, query: FindQuery = {}): Promise<T[]> {
    const matches = [...this.collection(collection).entries()].filter(
      ([, doc]) => matchesWhere(doc, query.where) && matchesAny(doc, query.whereIn) && matchesText(doc, query.matching),
    );
    const { orderBy, after } = query;
    // Where a document sorts against another (field value, id) pair: the one order of sorting and keyset paging.
    const against = (id: string, doc: ReadModelDocument, otherId: string, otherValue: unknown) => {
      const byField = orderBy ? compare(doc[orderBy.field], otherValue) : 0;
      const result = byField !== 0 ? byField : compare(id, otherId);
      return orderBy?.descending ? -result : result;
    };
    matches.sort(([idA, a], [idB, b]) => against(idA, a, idB, orderBy ? b[orderBy.field] : undefined));
    const following = after ? matches.filter(([id, doc]) => against(id, doc, after.id, after.value) > 0) : matches;
    const start = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : start + query.limit;
    return following.slice(start, end).map(([, doc]) => shaped(doc, query) as T);
  }

  async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    const total = keptTotal
      ? [...this.collection(keptTotal.collection).values()]
          .filter((doc) => matchesWhere(doc, keptTotal.where))
          .reduce((sum, doc) => sum + Number(doc[keptTotal.field] ?? 0), 0)
      : (await this.find(collection, { where: query.where, whereIn: query.whereIn, matching: query.matching })).length;
    return { items: await this.find<T>(collection, query), total };
  }

  async count(collection: string, where?: FindQuery['where'], matching?: TextMatch): Promise<number> {
    return [...this.collection(collection).values()].filter((doc) => matchesWhere(doc, where) && matchesText(doc, matching))
      .length;
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const collection of collections) this.docs.delete(collection);
    this.checkpoints.delete(projection);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private collection(name: string): Map<string, ReadModelDocument> {
    if (!this.docs.has(name)) this.docs.set(name, new Map());
    return this.docs.get(name)!;
  }
}

/** A copy with only the picked fields (null for one it lacks), or less the omitted ones. */
function shaped(doc: ReadModelDocument, { pick, omit = [] }: Pick<FindQuery, 'pick' | 'omit'>): ReadModelDocument {
  if (pick) {
    if (pick.length === 0) throw new Error('Pick at least one field');
    return structuredClone(Object.fromEntries(pick.map((field) => [field, doc[field] ?? null])));
  }
  const copy = structuredClone(doc);
  for (const field of omit) delete copy[field];
  return copy;
}

function matchesWhere(doc: ReadModelDocument, where: FindQuery['where'] = {}): boolean {
  return Object.entries(where).every(([field, value]) => doc[field] === value);
}

function matchesAny(doc: ReadModelDocument, whereIn: FindQuery['whereIn']): boolean {
  return !whereIn || whereIn.values.includes(doc[whereIn.field] as string | number);
}

function matchesText(doc: ReadModelDocument, matching: TextMatch | undefined): boolean {
  if (!matching || matching.fields.length === 0) return true;
  const text = matching.text.toLowerCase();
  return matching.fields.some((field) => typeof doc[field] === 'string' && (doc[field] as string).toLowerCase().includes(text));
}

/** A missing field sorts as null, before any value. */
function compare(a: unknown, b: unknown): number {
  const [x, y] = [a ?? null, b ?? null];
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

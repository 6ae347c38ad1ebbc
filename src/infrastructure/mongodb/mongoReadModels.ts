import { MongoClient, type ClientSession, type Collection, type CollectionOptions, type Db, type TransactionOptions } from 'mongodb';
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
import { MongoReadModelTransaction } from './mongoReadModelTransaction.js';
import { checkedField, toFilter, toKeyset, toProjection, toSort, withPicked, type StoredDocument } from './mongoQueries.js';

export interface MongoReadModelsOptions {
  /** Whether close() also closes the client (false when it is shared, e.g. with the job scheduler). */
  ownsClient?: boolean;
}

interface CheckpointDocument {
  _id: string;
  position: number;
}

const CHECKPOINTS = 'projection_checkpoints';
// Like JSON in the other adapters: an undefined field is left out, not stored as null.
const COLLECTION_OPTIONS: CollectionOptions = { ignoreUndefined: true };
// Multi-document transactions need a replica set (a single-node one will do, as in docker-compose.yml).
const TRANSACTION: TransactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, readPreference: 'primary' };

/** Opens read models on MongoDB; the database is the URL's unless named. */
export async function connectMongoReadModels(url: string, options: { database?: string } = {}): Promise<ReadModels> {
  const client = new MongoClient(url, { ignoreUndefined: true });
  try {
    await client.connect();
    const db = client.db(options.database);
    // A standalone server accepts every write but fails the first transaction: say so at start-up instead.
    const hello = await db.command({ hello: 1 });
    if (!hello.setName && hello.msg !== 'isdbgrid') {
      throw new Error('MongoDB read models need a replica set (transactions); start mongod with --replSet, even a single node');
    }
    return new MongoReadModels(client, db, { ownsClient: true });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** Read models on MongoDB: one collection per read-model collection, `_id` = id, checkpoints in their own collection. */
export class MongoReadModels implements ReadModels {
  /** In-process serialisation per projection; across processes the checkpoint's write conflict serialises. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly ownsClient: boolean;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    options: MongoReadModelsOptions = {},
  ) {
    this.ownsClient = options.ownsClient ?? true;
  }

  transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    return this.serialised(projection, () => this.runTransaction(projection, work));
  }

  /**
   * The checkpoint is read and written inside the transaction: a concurrent writer of the same projection makes
   * the later commit fail with a write conflict, which withTransaction retries by running `work` again.
   */
  private async runTransaction(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void> {
    const session = this.client.startSession();
    try {
      await session.withTransaction(async () => {
        const stored = await this.checkpoints().findOne({ _id: projection }, { session });
        const tx = new MongoReadModelTransaction((name) => this.collection(name), session, stored?.position ?? undefined);
        const position = await work(tx);
        await tx.flush();
        await this.checkpoints().updateOne({ _id: projection }, { $set: { position } }, { upsert: true, session });
      }, TRANSACTION);
    } finally {
      await session.endSession();
    }
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    return (await this.checkpoints().findOne({ _id: projection }))?.position ?? undefined;
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const doc = await this.collection(collection).findOne({ _id: id }, { projection: { _id: 0 } });
    return (doc ?? undefined) as T | undefined;
  }

  async getMany<T extends ReadModelDocument>(
    collection: string,
    ids: readonly string[],
    options: Pick<FindQuery, 'omit' | 'pick'> = {},
  ): Promise<StoredReadModelDocument<T>[]> {
    if (ids.length === 0) return [];
    const docs = await this.collection(collection)
      .find({ _id: { $in: [...ids] } }, { projection: { ...toProjection(options), _id: 1 } })
      .toArray();
    return withPicked(docs, options.pick).map(({ _id, ...doc }) => ({ id: String(_id), doc: doc as T }));
  }

  find<T extends ReadModelDocument>(collection: string, query: FindQuery = {}): Promise<T[]> {
    return this.findIn<T>(collection, query, {});
  }

  private async findIn<T extends ReadModelDocument>(collection: string, query: FindQuery, within: { session?: ClientSession }): Promise<T[]> {
    // Mongo reads a limit of 0 as "no limit"; here it means no documents.
    if (query.limit === 0) return [];
    const filter = toFilter(query.where, query.matching, query.whereIn);
    const docs = await this.collection(collection)
      .find(query.after ? { $and: [filter, toKeyset(query.orderBy, query.after)] } : filter, {
        projection: toProjection(query),
        sort: toSort(query.orderBy),
        skip: query.offset ?? 0,
        limit: query.limit ?? 0,
        ...within,
      })
      .toArray();
    return withPicked(docs, query.pick) as unknown as T[];
  }

  async count(collection: string, where?: FindQuery['where'], matching?: TextMatch): Promise<number> {
    return this.collection(collection).countDocuments(toFilter(where, matching));
  }

  /** Page and total read in one snapshot session, so they agree; two round trips. */
  async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    const session = this.client.startSession({ snapshot: true });
    try {
      const items = await this.findIn<T>(collection, query, { session });
      if (!keptTotal) return { items, total: await this.collection(collection).countDocuments(toFilter(query.where, query.matching, query.whereIn), { session }) };
      const [sum] = await this.collection(keptTotal.collection)
        .aggregate<{ total: number }>([{ $match: toFilter(keptTotal.where) }, { $group: { _id: null, total: { $sum: `$${checkedField(keptTotal.field, 'sum')}` } } }], { session })
        .toArray();
      return { items, total: sum?.total ?? 0 };
    } finally {
      await session.endSession();
    }
  }

  /**
   * Not one transaction, which would hold every document of a large read model at once. The checkpoint goes
   * first: if reset stops half way, the projection rebuilds from zero rather than resuming over missing documents.
   */
  reset(projection: string, collections: string[]): Promise<void> {
    return this.serialised(projection, async () => {
      await this.checkpoints().deleteOne({ _id: projection });
      for (const collection of collections) await this.collection(collection).deleteMany({});
    });
  }

  async scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]> {
    const docs = await this.collection(collection)
      .find(page.afterId === undefined ? {} : { _id: { $gt: page.afterId } }, { sort: { _id: 1 }, limit: page.limit })
      .toArray();
    return docs.map(({ _id, ...doc }) => ({ id: String(_id), doc: doc as ReadModelDocument }));
  }

  /**
   * One transaction: the live checkpoint is written in it, so a live runner's concurrent commit conflicts and retries
   * on the new documents. Documents are copied, not renamed (renameCollection cannot join a transaction); a very
   * large read model may need MongoDB's transactionLifetimeLimitSeconds raised.
   */
  promote(swap: ReadModelSwap, catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>): Promise<void> {
    return this.serialised(swap.live, async () => {
      const session = this.client.startSession();
      try {
        await session.withTransaction(async () => {
          const live = await this.checkpoints().findOne({ _id: swap.live }, { session });
          const side = await this.checkpoints().findOne({ _id: swap.side }, { session });
          const tx = new MongoReadModelTransaction((name) => this.collection(name), session, side?.position ?? undefined);
          const position = await catchUp(tx, live?.position ?? undefined);
          if (position < (live?.position ?? 0)) {
            throw new Error(`The copy of ${swap.live} built aside stops at ${position}, behind the live read model at ${live?.position}`);
          }
          await tx.flush();
          for (const pair of swap.collections) {
            await this.collection(pair.live).deleteMany({}, { session });
            const cursor = this.collection(pair.side).find({}, { session, batchSize: 1_000 });
            let batch: StoredDocument[] = [];
            for await (const doc of cursor) {
              batch.push(doc);
              if (batch.length === 1_000) {
                await this.collection(pair.live).insertMany(batch, { session });
                batch = [];
              }
            }
            if (batch.length > 0) await this.collection(pair.live).insertMany(batch, { session });
            await this.collection(pair.side).deleteMany({}, { session });
          }
          await this.checkpoints().updateOne({ _id: swap.live }, { $set: { position } }, { upsert: true, session });
          await this.checkpoints().deleteOne({ _id: swap.side }, { session });
        }, TRANSACTION);
      } finally {
        await session.endSession();
      }
    });
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private serialised(projection: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(projection) ?? Promise.resolve();
    const next = previous.then(task);
    const settled = next.catch(() => undefined);
    this.queues.set(projection, settled);
    // Forget an idle projection's queue so the map does not grow with every projection name ever seen.
    void settled.then(() => {
      if (this.queues.get(projection) === settled) this.queues.delete(projection);
    });
    return next;
  }

  private collection(name: string): Collection<StoredDocument> {
    return this.db.collection<StoredDocument>(name, COLLECTION_OPTIONS);
  }

  private checkpoints(): Collection<CheckpointDocument> {
    return this.db.collection<CheckpointDocument>(CHECKPOINTS, COLLECTION_OPTIONS);
  }
}

import type { AnyBulkWriteOperation, ClientSession, Collection } from 'mongodb';
import type { ReadModelDocument, ReadModelTransaction } from '../../application/ports/readModels.js';
import type { StoredDocument } from './mongoQueries.js';

type Pending = { doc: ReadModelDocument } | { deleted: true };

/** Reads through the session's snapshot, buffers writes, and flushes them as one bulk write per collection. */
export class MongoReadModelTransaction implements ReadModelTransaction {
  private readonly pending = new Map<string, Map<string, Pending>>();

  constructor(
    private readonly collection: (name: string) => Collection<StoredDocument>,
    private readonly session: ClientSession,
    readonly checkpoint: number | undefined,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const buffered = this.pending.get(collection)?.get(id);
    if (buffered) return 'doc' in buffered ? (structuredClone(buffered.doc) as T) : undefined;
    const doc = await this.collection(collection).findOne({ _id: id }, { session: this.session, projection: { _id: 0 } });
    return (doc ?? undefined) as T | undefined;
  }

  async put(collection: string, id: string, doc: ReadModelDocument): Promise<void> {
    this.changesIn(collection).set(id, { doc: structuredClone(doc) });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.changesIn(collection).set(id, { deleted: true });
  }

  /** One collection after another: a transaction's operations must not run in parallel. */
  async flush(): Promise<void> {
    for (const [collection, changes] of this.pending) {
      const operations: AnyBulkWriteOperation<StoredDocument>[] = [...changes].map(([id, change]) =>
        'doc' in change
          ? // A field of the document named _id would be the id's slot: the id wins.
            { replaceOne: { filter: { _id: id }, replacement: { ...change.doc, _id: id }, upsert: true } }
          : { deleteOne: { filter: { _id: id } } },
      );
      if (operations.length > 0) await this.collection(collection).bulkWrite(operations, { session: this.session, ordered: true });
    }
    this.pending.clear();
  }

  private changesIn(collection: string): Map<string, Pending> {
    if (!this.pending.has(collection)) this.pending.set(collection, new Map());
    return this.pending.get(collection)!;
  }
}

import type { ReadModelDocument, ReadModelTransaction } from '../../application/ports/readModels.js';
import { PREPARED, type SqlQueryable } from './sqlClient.js';

type Pending = { doc: ReadModelDocument } | { deleted: true };

/** Reads through, buffers writes, and flushes them as two set-based statements before the checkpoint. */
export class BufferedReadModelTransaction implements ReadModelTransaction {
  private readonly pending = new Map<string, Pending>();
  /** Documents loaded by prefetch, null for those that do not exist. */
  private readonly loaded = new Map<string, ReadModelDocument | null>();

  constructor(
    private readonly tx: SqlQueryable,
    private readonly table: string,
    readonly checkpoint: number | undefined,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const buffered = this.pending.get(key(collection, id));
    if (buffered) return 'doc' in buffered ? (structuredClone(buffered.doc) as T) : undefined;
    const prefetched = this.loaded.get(key(collection, id));
    if (prefetched !== undefined) return prefetched === null ? undefined : (structuredClone(prefetched) as T);
    const { rows } = await this.tx.query<{ doc: T }>(
      `SELECT doc FROM ${this.table} WHERE collection = $1 AND id = $2`,
      [collection, id],
      PREPARED,
    );
    return rows[0]?.doc;
  }

  async prefetch(documents: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const wanted = [...new Set(documents.map(([collection, id]) => key(collection, id)))].filter((k) => !this.pending.has(k) && !this.loaded.has(k));
    if (wanted.length === 0) return;
    const { rows } = await this.tx.query<{ collection: string; id: string; doc: ReadModelDocument }>(
      `SELECT t.collection, t.id, t.doc FROM ${this.table} t
         JOIN jsonb_array_elements($1::jsonb) AS x ON t.collection = x->>0 AND t.id = x->>1`,
      [`[${wanted.join(',')}]`],
      PREPARED,
    );
    for (const k of wanted) this.loaded.set(k, null);
    for (const row of rows) this.loaded.set(key(row.collection, row.id), row.doc);
  }

  async put(collection: string, id: string, doc: ReadModelDocument): Promise<void> {
    this.pending.set(key(collection, id), { doc: structuredClone(doc) });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.pending.set(key(collection, id), { deleted: true });
  }

  async flush(): Promise<void> {
    const upserts: { c: string; i: string; d: ReadModelDocument }[] = [];
    const deletes: { c: string; i: string }[] = [];
    for (const [k, change] of this.pending) {
      const [c, i] = JSON.parse(k) as [string, string];
      if ('doc' in change) upserts.push({ c, i, d: change.doc });
      else deletes.push({ c, i });
    }
    if (upserts.length > 0) {
      await this.tx.query(
        `INSERT INTO ${this.table} (collection, id, doc)
         SELECT x->>'c', x->>'i', x->'d' FROM jsonb_array_elements($1::jsonb) AS x
         ON CONFLICT (collection, id) DO UPDATE SET doc = EXCLUDED.doc`,
        [JSON.stringify(upserts)],
        PREPARED,
      );
    }
    if (deletes.length > 0) {
      await this.tx.query(
        `DELETE FROM ${this.table} t USING jsonb_array_elements($1::jsonb) AS x
          WHERE t.collection = x->>'c' AND t.id = x->>'i'`,
        [JSON.stringify(deletes)],
        PREPARED,
      );
    }
    this.pending.clear();
  }
}

const key = (collection: string, id: string) => JSON.stringify([collection, id]);

import { documentKey as key, type PlannedWrite, type ReadModelDocument, type ReadModelTransaction } from '../../application/ports/readModels.js';
import { PREPARED, type SqlQueryable } from './sqlClient.js';

/** Writes as rows of the set-based statements: upserts and deletes, each an array passed as one JSON parameter. */
export interface WriteRows {
  upserts: { c: string; i: string; d: ReadModelDocument }[];
  deletes: { c: string; i: string }[];
}

/** Adds the writes to rows (new ones when none are given). */
export function writeRows(writes: Iterable<PlannedWrite>, rows: WriteRows = { upserts: [], deletes: [] }): WriteRows {
  for (const { collection: c, id: i, doc } of writes) {
    if (doc) rows.upserts.push({ c, i, d: doc });
    else rows.deletes.push({ c, i });
  }
  return rows;
}

/**
 * Reads through, buffers writes, and flushes them as two set-based statements before the checkpoint. Documents are
 * values (see ReadModelTransaction), so they are handed out and kept without copies; the flush serialises them.
 */
export class BufferedReadModelTransaction implements ReadModelTransaction {
  /** Writes not flushed yet; a null document is a delete. */
  private readonly pending = new Map<string, PlannedWrite>();
  /** Documents loaded by prefetch, null for those that do not exist. */
  private readonly loaded = new Map<string, ReadModelDocument | null>();

  constructor(
    private readonly tx: SqlQueryable,
    /** The table a collection's documents are kept in. */
    private readonly tableOf: (collection: string) => string,
    readonly checkpoint: number | undefined,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const buffered = this.pending.get(key(collection, id));
    if (buffered) return (buffered.doc ?? undefined) as T | undefined;
    const prefetched = this.loaded.get(key(collection, id));
    if (prefetched !== undefined) return prefetched === null ? undefined : (prefetched as T);
    const { rows } = await this.tx.query<{ doc: T }>(
      `SELECT doc FROM ${this.tableOf(collection)} WHERE collection = $1 AND id = $2`,
      [collection, id],
      PREPARED,
    );
    return rows[0]?.doc;
  }

  async prefetch(documents: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const wanted = new Map<string, Map<string, readonly [string, string]>>();
    for (const document of documents) {
      const k = key(...document);
      if (this.pending.has(k) || this.loaded.has(k)) continue;
      const table = this.tableOf(document[0]);
      wanted.set(table, (wanted.get(table) ?? new Map()).set(k, document));
    }
    for (const [table, inTable] of wanted) {
      const { rows } = await this.tx.query<{ collection: string; id: string; doc: ReadModelDocument }>(
        `SELECT t.collection, t.id, t.doc FROM ${table} t
           JOIN jsonb_array_elements($1::jsonb) AS x ON t.collection = x->>0 AND t.id = x->>1`,
        [JSON.stringify([...inTable.values()])],
        PREPARED,
      );
      for (const k of inTable.keys()) this.loaded.set(k, null);
      for (const row of rows) this.loaded.set(key(row.collection, row.id), row.doc);
    }
  }

  async put(collection: string, id: string, doc: ReadModelDocument): Promise<void> {
    this.pending.set(key(collection, id), { collection, id, doc });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.pending.set(key(collection, id), { collection, id, doc: null });
  }

  async flush(): Promise<void> {
    const byTable = new Map<string, WriteRows>();
    for (const write of this.pending.values()) {
      const table = this.tableOf(write.collection);
      byTable.set(table, writeRows([write], byTable.get(table)));
    }
    for (const [table, { upserts, deletes }] of byTable) {
      if (upserts.length > 0) {
        await this.tx.query(
          `INSERT INTO ${table} (collection, id, doc)
           SELECT x->>'c', x->>'i', x->'d' FROM jsonb_array_elements($1::jsonb) AS x
           ON CONFLICT (collection, id) DO UPDATE SET doc = EXCLUDED.doc`,
          [JSON.stringify(upserts)],
          PREPARED,
        );
      }
      if (deletes.length > 0) {
        await this.tx.query(
          `DELETE FROM ${table} t USING jsonb_array_elements($1::jsonb) AS x
            WHERE t.collection = x->>'c' AND t.id = x->>'i'`,
          [JSON.stringify(deletes)],
          PREPARED,
        );
      }
    }
    this.pending.clear();
  }
}

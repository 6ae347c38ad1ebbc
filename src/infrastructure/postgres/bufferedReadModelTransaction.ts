import { documentKey as key, type PlannedWrite, type ReadModelDocument, type ReadModelTransaction } from '../../application/ports/readModels.js';
import { PREPARED, type SqlQueryable } from './sqlClient.js';

/** Where a collection's documents are kept: the table, and the collection name its rows carry. */
export interface Place {
  table: string;
  key: string;
}

/** Writes as rows of the set-based statements: upserts and deletes, each an array passed as one JSON parameter. */
export interface WriteRows {
  upserts: { c: string; i: string; d: ReadModelDocument }[];
  deletes: { c: string; i: string }[];
}

/** The writes as rows, grouped by the table they go to. */
export function writeRowsByTable(writes: Iterable<PlannedWrite>, placeOf: (collection: string) => Place): Map<string, WriteRows> {
  const byTable = new Map<string, WriteRows>();
  for (const { collection, id: i, doc } of writes) {
    const { table, key: c } = placeOf(collection);
    let rows = byTable.get(table);
    if (!rows) byTable.set(table, (rows = { upserts: [], deletes: [] }));
    if (doc) rows.upserts.push({ c, i, d: doc });
    else rows.deletes.push({ c, i });
  }
  return byTable;
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
    private readonly placeOf: (collection: string) => Place,
    readonly checkpoint: number | undefined,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const buffered = this.pending.get(key(collection, id));
    if (buffered) return (buffered.doc ?? undefined) as T | undefined;
    const prefetched = this.loaded.get(key(collection, id));
    if (prefetched !== undefined) return prefetched === null ? undefined : (prefetched as T);
    const place = this.placeOf(collection);
    const { rows } = await this.tx.query<{ doc: T }>(
      `SELECT doc FROM ${place.table} WHERE collection = $1 AND id = $2`,
      [place.key, id],
      PREPARED,
    );
    return rows[0]?.doc;
  }

  async prefetch(documents: ReadonlyArray<readonly [string, string]>): Promise<void> {
    // Per table, each wanted row (by the collection name it carries and its id) and the document it is.
    const wanted = new Map<string, Map<string, { row: readonly [string, string]; document: string }>>();
    for (const [collection, id] of documents) {
      const document = key(collection, id);
      if (this.pending.has(document) || this.loaded.has(document)) continue;
      const { table, key: stored } = this.placeOf(collection);
      wanted.set(table, (wanted.get(table) ?? new Map()).set(key(stored, id), { row: [stored, id], document }));
    }
    for (const [table, inTable] of wanted) {
      const { rows } = await this.tx.query<{ collection: string; id: string; doc: ReadModelDocument }>(
        `SELECT t.collection, t.id, t.doc FROM ${table} t
           JOIN jsonb_array_elements($1::jsonb) AS x ON t.collection = x->>0 AND t.id = x->>1`,
        [JSON.stringify([...inTable.values()].map(({ row }) => row))],
        PREPARED,
      );
      for (const { document } of inTable.values()) this.loaded.set(document, null);
      for (const row of rows) this.loaded.set(inTable.get(key(row.collection, row.id))!.document, row.doc);
    }
  }

  async put(collection: string, id: string, doc: ReadModelDocument): Promise<void> {
    this.pending.set(key(collection, id), { collection, id, doc });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.pending.set(key(collection, id), { collection, id, doc: null });
  }

  async flush(): Promise<void> {
    for (const [table, { upserts, deletes }] of writeRowsByTable(this.pending.values(), this.placeOf)) {
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

import { documentKey as key, type PlannedWrite, type ReadModelDocument, type ReadModels } from '../ports/readModels.js';

/**
 * The documents of a projection's own collections as its runner last read or wrote them (null: known absent), so a
 * catch-up works out its next batch without asking the store. Right only while that runner alone writes them: the
 * runner checks the checkpoint it planned on before committing what it planned.
 */
export class KnownDocuments {
  private readonly documents = new Map<string, ReadModelDocument | null>();
  private inFlight: ReadonlySet<string> = new Set();
  /** Deferring: the documents remembered and not yet handed out to be written (see due). */
  private readonly unwritten = new Map<string, { collection: string; id: string }>();

  constructor(
    private readonly readModels: ReadModels,
    private readonly collections: ReadonlySet<string>,
    private readonly capacity = 4_000,
    /** Writes wait here until they leave capacity: a document changed by many batches is written once or twice. */
    private readonly deferring = false,
  ) {}

  async get(collection: string, id: string): Promise<ReadModelDocument | undefined> {
    const k = key(collection, id);
    const known = this.documents.get(k);
    // A write still on its way to the store is handed out as a copy: a projection that changed it in place would
    // change what is being committed.
    if (known) return this.inFlight.has(k) ? structuredClone(known) : known;
    if (known === null) return undefined;
    const doc = await this.readModels.get(collection, id);
    if (this.collections.has(collection) && !this.documents.has(k)) this.documents.set(k, doc ?? null);
    return doc;
  }

  /** Loads those not known yet: one read per collection. */
  async load(documents: ReadonlyArray<readonly [collection: string, id: string]>): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const [collection, id] of documents) {
      if (!this.collections.has(collection) || this.documents.has(key(collection, id))) continue;
      wanted.set(collection, (wanted.get(collection) ?? new Set()).add(id));
    }
    for (const [collection, ids] of wanted) {
      const found = await this.readModels.getMany(collection, [...ids]);
      for (const id of ids) this.documents.set(key(collection, id), null);
      for (const { id, doc } of found) this.documents.set(key(collection, id), doc);
    }
  }

  /** What a planned batch writes; the newest stay longest. */
  remember(collection: string, id: string, doc: ReadModelDocument | null): void {
    if (!this.collections.has(collection)) return;
    const k = key(collection, id);
    this.documents.delete(k);
    this.documents.set(k, doc);
    if (this.deferring) this.unwritten.set(k, { collection, id });
  }

  /**
   * Deferring: the writes due now (no more than `most`), those of the oldest documents beyond capacity, or of all of
   * them at the end, each once. Handed to `committing` like a batch's writes, they stay known until that commit lands.
   */
  due({ all = false, most = Infinity } = {}): Map<string, PlannedWrite> {
    const due = new Map<string, PlannedWrite>();
    let beyond = all ? this.documents.size : this.documents.size - this.capacity;
    for (const [k, doc] of this.documents) {
      // Nothing left unwritten (always so when not deferring): the rest need not be walked.
      if (beyond-- <= 0 || due.size >= most || this.unwritten.size === 0) break;
      const place = this.unwritten.get(k);
      if (!place) continue;
      due.set(k, { ...place, doc });
      this.unwritten.delete(k);
    }
    return due;
  }

  /**
   * The writes of the batch now committing (the store does not have them yet): never forgotten, and copied when got.
   * The oldest others beyond capacity are forgotten, up to the oldest not written yet (due made those before it
   * written, so the rest are kept until a later batch writes them; no walk over every document at each batch).
   */
  committing(writes: ReadonlySet<string>): void {
    this.inFlight = writes;
    for (const k of this.documents.keys()) {
      if (this.documents.size <= this.capacity || this.unwritten.has(k)) return;
      if (!writes.has(k)) this.documents.delete(k);
    }
  }
}

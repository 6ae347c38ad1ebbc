// The read-model port: documents by collection and id, written together with the projection's checkpoint.

export type ReadModelDocument = Record<string, unknown>;

/**
 * One atomic unit of read-model work: its writes and the new checkpoint commit together or not at all. Documents are
 * values: a projection builds a new document from the one it got and never changes either in place (adapters may
 * hand out and keep the very objects).
 */
export interface ReadModelTransaction {
  /** The projection's checkpoint when the transaction started (undefined: nothing applied yet). */
  readonly checkpoint: number | undefined;
  get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, id: string, doc: ReadModelDocument): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  /** Loads these documents in one round trip, so the gets of a batch that follow need none; optional. */
  prefetch?(documents: ReadonlyArray<readonly [collection: string, id: string]>): Promise<void>;
}

export interface FindQuery {
  /** Equality on top-level fields. */
  where?: Record<string, string | number | boolean | null>;
  /** The field equals one of these values (none: nothing matches), beside `where`: many lookups in one find. */
  whereIn?: { field: string; values: readonly (string | number)[] };
  /** Case-insensitive substring search: a document matches when any of the top-level text fields contains the text. */
  matching?: TextMatch;
  /** Top-level field to sort by, ascending unless descending is set; ties broken by id. */
  orderBy?: { field: string; descending?: boolean };
  /**
   * Keyset paging: only documents after this one in the find's order (sort field, then id, honouring descending; by
   * id alone without orderBy), so a deep page costs what the first does. The sort field holds no explicit null.
   */
  after?: KeysetBound;
  limit?: number;
  offset?: number;
  /** Top-level fields left out of the documents returned (e.g. an order's feed, which lists do not show). */
  omit?: string[];
  /** Only these top-level fields of each document, at least one (a field a document lacks comes back null); omit is then not used. */
  pick?: string[];
}

/** Where the previous page ended: the sort field's value and the id of its last document. */
export interface KeysetBound {
  /** null when the last document lacks the sort field. */
  value: string | number | boolean | null;
  id: string;
}

/**
 * A page's total taken from counts a projection keeps instead of counting the matches: the documents of `collection`
 * matching `where`, summed over their numeric `field`. A total of many documents then costs a few reads.
 */
export interface KeptTotal {
  collection: string;
  field: string;
  where?: FindQuery['where'];
}

/** One page of a find and the total of its filter. */
export interface FoundPage<T> {
  items: T[];
  total: number;
}

export interface TextMatch {
  fields: string[];
  text: string;
}

/** One document with its id, as scanned in id order. */
export interface StoredReadModelDocument<T extends ReadModelDocument = ReadModelDocument> {
  id: string;
  doc: T;
}

/** One string for a (collection, id) pair: a collection name never holds a NUL, so the pair cannot be confused with another. */
export const documentKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/** A document a batch worked out ahead of its transaction writes; null deletes it. */
export interface PlannedWrite {
  collection: string;
  id: string;
  doc: ReadModelDocument | null;
}

/**
 * A read model built aside is named `<live>__<purpose>` (its projection and its collections): a store may keep such
 * side copies apart, without durability or find indexes, since a side copy is always built again from zero after an
 * interruption (a rebuild or check resets it first) and only promote moves it into the live read model.
 */
export const SIDE_COPY_SEPARATOR = '__';

export const isSideCopy = (name: string): boolean => name.includes(SIDE_COPY_SEPARATOR);

/** A read model built aside under other names, and the live names it replaces when promoted. */
export interface ReadModelSwap {
  live: string;
  side: string;
  /** Each side collection and the live collection it becomes. */
  collections: { live: string; side: string }[];
}

export interface ReadModels {
  /**
   * Runs `work` in one transaction with the projection's checkpoint and stores the position it returns
   * as the new checkpoint. Transactions of the same projection are serialised.
   */
  transact(projection: string, work: (tx: ReadModelTransaction) => Promise<number>): Promise<void>;
  /**
   * Optional, a shortcut for a store that can do it in one statement: the writes of a batch worked out ahead and the
   * checkpoint moved from `from` (0: none stored) to `to`, committed together; nothing, and false, when the checkpoint
   * is no longer `from` (another runner moved it).
   */
  commitPlanned?(projection: string, batch: { from: number; to: number; writes: Iterable<PlannedWrite> }): Promise<boolean>;
  checkpoint(projection: string): Promise<number | undefined>;
  get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined>;
  /** The documents with these ids that exist, in no particular order, shaped as a find shapes them (omit, pick). */
  getMany<T extends ReadModelDocument>(collection: string, ids: readonly string[], options?: Pick<FindQuery, 'omit' | 'pick'>): Promise<StoredReadModelDocument<T>[]>;
  find<T extends ReadModelDocument>(collection: string, query?: FindQuery): Promise<T[]>;
  count(collection: string, where?: FindQuery['where'], matching?: TextMatch): Promise<number>;
  /**
   * A find and the total of its filter (or the kept total), read together: one round trip, and one snapshot where
   * the store allows, so a list's total agrees with its page.
   */
  findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>>;
  /** Rebuild from zero: drops the projection's documents and checkpoint. */
  reset(projection: string, collections: string[]): Promise<void>;
  /** Documents of a collection in id order (binary order of the id), a page at a time after `afterId`. */
  scan(collection: string, page: { afterId?: string; limit: number }): Promise<StoredReadModelDocument[]>;
  /**
   * Build aside, then switch (each side collection named as the side copy of the live one it replaces, see
   * isSideCopy; a store may swap its storage in rather than copy it): holding the live projection's lock, `catchUp`
   * gets a transaction on the side copy (at the side checkpoint) and the live checkpoint, and returns the side's
   * position, which must be at least the live one (it may apply events to get there, or throw to abort the switch).
   * Then the side collections replace the live ones and the live checkpoint moves to that position, in one commit
   * where the store allows. The side projection is gone afterwards; the live runner goes on from the new checkpoint.
   * `catchUp` must not read the event store when it shares the read models' only connection (PGlite).
   */
  promote(swap: ReadModelSwap, catchUp: (tx: ReadModelTransaction, liveCheckpoint: number | undefined) => Promise<number>): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

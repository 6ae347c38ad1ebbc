import { documentKey as key, SIDE_COPY_SEPARATOR, type ReadModelSwap, type ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from '../projections/projection.js';

/** A projection writing into side collections (`orders__rebuild`), so its read model can be built next to the live one. */
export interface AsideProjection {
  readonly projection: Projection;
  readonly swap: ReadModelSwap;
  /** Side documents written so far (see renamingTransaction). */
  readonly written: Set<string>;
}

export function asideOf(live: Projection, purpose: 'rebuild' | 'check'): AsideProjection {
  const sideName = (name: string) => `${name}${SIDE_COPY_SEPARATOR}${purpose}`;
  const renamed = new Map(live.collections.map((collection) => [collection, sideName(collection)]));
  const written = new Set<string>();
  // One renaming wrapper per transaction, not one per event: a batch applies hundreds of events through the same one.
  const wrapped = new WeakMap<ReadModelTransaction, ReadModelTransaction>();
  const renamedTx = (tx: ReadModelTransaction) => {
    let renaming = wrapped.get(tx);
    if (!renaming) wrapped.set(tx, (renaming = renamingTransaction(tx, renamed, written)));
    return renaming;
  };
  const projection: Projection = {
    name: sideName(live.name),
    collections: [...renamed.values()],
    handles: live.handles,
    apply: (event, tx) => live.apply(event, renamedTx(tx)),
    // The side copies of the documents the live projection reads, so a batch of the replay loads them at once too;
    // those never written are known absent and not worth loading.
    ...(live.documentsOf ? { documentsOf: (event) => sideDocuments(live.documentsOf!(event), renamed, written) } : {}),
  };
  return {
    projection,
    written,
    swap: {
      live: live.name,
      side: projection.name,
      collections: live.collections.map((collection) => ({ live: collection, side: renamed.get(collection)! })),
    },
  };
}

/** The side names of these documents; a side document never written is known absent, and left out. */
function sideDocuments(
  documents: ReadonlyArray<readonly [string, string]>,
  renamed: ReadonlyMap<string, string>,
  written: ReadonlySet<string> | undefined,
): Array<readonly [string, string]> {
  return documents
    .filter(([collection, id]) => !written || !renamed.has(collection) || written.has(key(collection, id)))
    .map(([collection, id]) => [renamed.get(collection) ?? collection, id] as const);
}

/**
 * Only the projection's own collections are redirected: what it reads from other read models stays live.
 * `written` holds every side document put so far: the side copy starts empty and only this replay writes it, so
 * a document never put is known to be absent without a round trip (a replay's reads are mostly of new documents).
 */
export function renamingTransaction(
  tx: ReadModelTransaction,
  renamed: ReadonlyMap<string, string>,
  written?: Set<string>,
): ReadModelTransaction {
  const name = (collection: string) => renamed.get(collection) ?? collection;
  return {
    get checkpoint() {
      return tx.checkpoint;
    },
    get: async (collection, id) => {
      if (written && renamed.has(collection) && !written.has(key(collection, id))) return undefined;
      return tx.get(name(collection), id);
    },
    put: async (collection, id, doc) => {
      // Kept on delete too: a superset only costs a read, a missing id would hide a document.
      if (renamed.has(collection)) written?.add(key(collection, id));
      return tx.put(name(collection), id, doc);
    },
    delete: (collection, id) => tx.delete(name(collection), id),
    ...(tx.prefetch ? { prefetch: (documents: ReadonlyArray<readonly [string, string]>) => tx.prefetch!(sideDocuments(documents, renamed, written)) } : {}),
  };
}

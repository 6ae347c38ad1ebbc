import type { ReadModels, StoredReadModelDocument } from '../ports/readModels.js';
import { firstDifference, valueAt } from './documentDifference.js';

export interface DifferingDocument {
  id: string;
  /** First field that differs, e.g. `items[0].quantity`. */
  field: string;
  live: unknown;
  replayed: unknown;
}

/** How a live collection differs from its replay; the id lists are cut at `limit`, the counts are not. */
export interface CollectionDrift {
  collection: string;
  documents: number;
  /** In the replay, not in the live read model. */
  missing: string[];
  missingCount: number;
  /** In the live read model, not in the replay. */
  extra: string[];
  extraCount: number;
  differing: DifferingDocument[];
  differingCount: number;
  identical: boolean;
}

const PAGE = 1_000;

/** Merge-join of both collections in id order: memory stays one page per side, whatever the size. */
export async function compareCollections(
  readModels: ReadModels,
  pairs: { live: string; side: string }[],
  limit = 20,
): Promise<CollectionDrift[]> {
  const result: CollectionDrift[] = [];
  for (const pair of pairs) {
    const drift: CollectionDrift = {
      collection: pair.live,
      documents: 0,
      missing: [],
      missingCount: 0,
      extra: [],
      extraCount: 0,
      differing: [],
      differingCount: 0,
      identical: true,
    };
    const live = scanner(readModels, pair.live);
    const replayed = scanner(readModels, pair.side);
    let a = await live.next();
    let b = await replayed.next();
    while (a || b) {
      if (a && (!b || a.id < b.id)) {
        drift.extraCount++;
        if (drift.extra.length < limit) drift.extra.push(a.id);
        a = await live.next();
      } else if (b && (!a || b.id < a.id)) {
        drift.missingCount++;
        if (drift.missing.length < limit) drift.missing.push(b.id);
        b = await replayed.next();
      } else {
        const field = firstDifference(a!.doc, b!.doc);
        if (field !== undefined) {
          drift.differingCount++;
          if (drift.differing.length < limit) {
            drift.differing.push({ id: a!.id, field, live: valueAt(a!.doc, field), replayed: valueAt(b!.doc, field) });
          }
        }
        drift.documents++;
        a = await live.next();
        b = await replayed.next();
      }
    }
    drift.identical = drift.missingCount + drift.extraCount + drift.differingCount === 0;
    result.push(drift);
  }
  return result;
}

function scanner(readModels: ReadModels, collection: string) {
  let page: StoredReadModelDocument[] = [];
  let index = 0;
  let afterId: string | undefined;
  let exhausted = false;
  return {
    async next(): Promise<StoredReadModelDocument | undefined> {
      if (index >= page.length) {
        if (exhausted) return undefined;
        page = await readModels.scan(collection, { afterId, limit: PAGE });
        index = 0;
        if (page.length < PAGE) exhausted = true;
        if (page.length === 0) return undefined;
        afterId = page[page.length - 1].id;
      }
      return page[index++];
    },
  };
}

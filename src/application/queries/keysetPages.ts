import type { FindQuery, KeysetBound, ReadModelDocument, ReadModels } from '../ports/readModels.js';
import type { ListOrder } from './listCursor.js';

/**
 * Every document a find matches, a page at a time, by keyset: the last page of a long walk costs what the first does,
 * where an offset would read past every document before it. Documents must carry their `id`.
 */
export async function* keysetPages<T extends ReadModelDocument & { id: string }>(
  readModels: ReadModels,
  collection: string,
  query: Omit<FindQuery, 'after' | 'offset' | 'limit' | 'orderBy'> & { orderBy: ListOrder },
  pageSize: number,
): AsyncGenerator<T[]> {
  let after: KeysetBound | undefined;
  for (;;) {
    const page = await readModels.find<T>(collection, { ...query, limit: pageSize, after });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { value: (last[query.orderBy.field] ?? null) as KeysetBound['value'], id: last.id };
  }
}

import type { FindQuery, KeysetBound, ReadModelDocument, ReadModels } from '../ports/readModels.js';
import { cursorAfter, keysetOf, type ListOrder } from './listCursor.js';

export interface Page<T> {
  items: T[];
  total: number;
  /** The page number asked for; null for a page asked for by cursor, whose number nobody counted. */
  page: number | null;
  limit: number;
  /** The cursor of the page after this one (`?after=`); null on the last page. */
  nextCursor: string | null;
}

/** A page by number (`page`, from 1) or by the cursor a previous page handed out (`after`, with page left at 1). */
export interface PageRequest {
  page: number;
  limit: number;
  after?: string;
}

/** The slice of a find a page asks for: one more item than the page holds tells whether another page follows. */
export function findWindow({ page, limit }: PageRequest, after: KeysetBound | undefined): Pick<FindQuery, 'after' | 'limit' | 'offset'> {
  return { after, limit: limit + 1, offset: after ? 0 : (page - 1) * limit };
}

/** The page of a window found with findWindow: its items, and the cursor after the last one when more follow. */
export function pageOfWindow<T extends object>(found: T[], total: number, request: PageRequest, order: ListOrder): Page<T> {
  const items = found.slice(0, request.limit);
  const nextCursor = found.length > request.limit ? cursorAfter(order, items[items.length - 1] as Record<string, unknown>) : null;
  return { items, total, page: request.after === undefined ? request.page : null, limit: request.limit, nextCursor };
}

/** One page of a collection and the total of the same filter, as every list route answers. */
export async function pagedList<T extends ReadModelDocument>(
  readModels: ReadModels,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'offset' | 'after' | 'orderBy'> & { orderBy: ListOrder },
  request: PageRequest,
): Promise<Page<T>> {
  const after = request.after === undefined ? undefined : keysetOf(request.after, query.orderBy);
  const { items, total } = await readModels.findPage<T>(collection, { ...query, ...findWindow(request, after) });
  return pageOfWindow(items, total, request, query.orderBy);
}

/**
 * A page of a list gathered whole and sorted in memory (a few matches of a phone or an article). A cursor goes on
 * after the item it names, or, once that item is gone, after the place its sort value and id held.
 */
export function pageOfSorted<T extends Record<string, unknown>>(sorted: readonly T[], request: PageRequest, order: ListOrder): Page<T> {
  const bound = request.after === undefined ? undefined : keysetOf(request.after, order);
  const start = bound ? startAfter(sorted, bound, order) : (request.page - 1) * request.limit;
  return pageOfWindow(sorted.slice(start, start + request.limit + 1), sorted.length, request, order);
}

function startAfter<T extends Record<string, unknown>>(sorted: readonly T[], bound: KeysetBound, { field, descending }: ListOrder): number {
  const named = sorted.findIndex((item) => item.id === bound.id);
  if (named >= 0) return named + 1;
  const following = sorted.findIndex((item) => {
    const value = (item[field] ?? null) as KeysetBound['value'];
    const byField = value === bound.value ? 0 : value === null ? -1 : bound.value === null ? 1 : value < bound.value ? -1 : 1;
    const order = byField !== 0 ? byField : item.id === bound.id ? 0 : (item.id as string) < bound.id ? -1 : 1;
    return (descending ? -order : order) > 0;
  });
  return following < 0 ? sorted.length : following;
}

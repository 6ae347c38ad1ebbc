import type { FindQuery, ReadModelDocument, ReadModels } from '../ports/readModels.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** One page of a collection and the total of the same filter, as every list route answers. */
export async function pagedList<T extends ReadModelDocument>(
  readModels: ReadModels,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'offset'>,
  { page, limit }: { page: number; limit: number },
): Promise<Page<T>> {
  const { items, total } = await readModels.findPage<T>(collection, { ...query, limit, offset: (page - 1) * limit });
  return { items, total, page, limit };
}

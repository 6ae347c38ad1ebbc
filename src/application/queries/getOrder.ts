import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { isReadModelId } from './readModelId.js';

/** The orders of these ids that exist, feed and all, in no particular order. */
export async function getOrders(readModels: ReadModels, ids: readonly string[]): Promise<OrderDocument[]> {
  const found = await readModels.getMany<OrderDocument>(ORDERS_COLLECTION, ids.filter(isReadModelId));
  return found.map(({ doc }) => doc);
}

/** An order's version as stored now, read without the order: enough to tell whether an answer kept at a version holds. */
export async function orderVersion(readModels: ReadModels, id: string): Promise<number | undefined> {
  if (!isReadModelId(id)) return undefined;
  const [found] = await readModels.getMany<Pick<OrderDocument, 'version'>>(ORDERS_COLLECTION, [id], { pick: ['version'] });
  return found?.doc.version ?? undefined;
}

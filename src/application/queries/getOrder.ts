import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { FindQuery, ReadModels } from '../ports/readModels.js';
import { isReadModelId } from './readModelId.js';

/** The orders of these ids that exist, feed and all unless left out, in no particular order. */
export async function getOrders(readModels: ReadModels, ids: readonly string[], options?: Pick<FindQuery, 'omit'>): Promise<OrderDocument[]> {
  const found = await readModels.getMany<OrderDocument>(ORDERS_COLLECTION, ids.filter(isReadModelId), options);
  return found.map(({ doc }) => doc);
}

/** The versions of those orders that exist, as stored now, read without the orders: enough to tell whether an answer kept at a version holds. */
export async function orderVersions(readModels: ReadModels, ids: readonly string[]): Promise<Map<string, number>> {
  const found = await readModels.getMany<Pick<OrderDocument, 'version'>>(ORDERS_COLLECTION, ids.filter(isReadModelId), { pick: ['version'] });
  return new Map(found.map(({ id, doc }) => [id, doc.version]));
}

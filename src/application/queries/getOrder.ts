import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { isReadModelId } from './readModelId.js';

export async function getOrder(readModels: ReadModels, id: string): Promise<OrderDocument | undefined> {
  return isReadModelId(id) ? readModels.get<OrderDocument>(ORDERS_COLLECTION, id) : undefined;
}

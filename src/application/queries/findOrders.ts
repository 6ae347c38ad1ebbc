import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { countOrders } from '../projections/orderCounts.js';
import type { Page } from './pagedList.js';

/** Which orders a list shows: taken locally, imported through integrations, or both. */
export type OrderStoreFilter = 'local' | 'integrations' | 'all';

export interface OrdersFilter {
  store: OrderStoreFilter;
  integrationId?: string;
  status?: string;
  page: number;
  limit: number;
}

const SOURCE_OF: Record<OrderStoreFilter, Record<string, string>> = {
  local: { source: 'local' },
  integrations: { source: 'integration' },
  all: {},
};

/** Newest first, by the time the order was placed (on the platform, for imported ones); without their `feed`, which only an order's own page shows. */
export async function findOrders(readModels: ReadModels, { page, limit, ...filter }: OrdersFilter): Promise<Page<OrderDocument>> {
  const where: Record<string, string> = { ...SOURCE_OF[filter.store] };
  if (filter.integrationId) where.integrationId = filter.integrationId;
  if (filter.status) where.status = filter.status;
  const [items, total] = await Promise.all([
    readModels.find<OrderDocument>(ORDERS_COLLECTION, { where, orderBy: { field: 'createdAt', descending: true }, limit, offset: (page - 1) * limit, omit: ['feed'] }),
    countOrders(readModels, where),
  ]);
  return { items, total, page, limit };
}

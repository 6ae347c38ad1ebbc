import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { ORDER_COUNTS_COLLECTION } from '../projections/orderCounts.js';
import { findWindow, pageOfWindow, type Page, type PageRequest } from './pagedList.js';
import { getOrders } from './getOrder.js';
import { keysetOf } from './listCursor.js';

/** Which orders a list shows: taken locally, imported through integrations, or both. */
export type OrderStoreFilter = 'local' | 'integrations' | 'all';

export interface OrdersFilter extends PageRequest {
  store: OrderStoreFilter;
  integrationId?: string;
  status?: string;
  /** Text searched in the number, the platform's number and the store name. */
  q?: string;
  /** Only orders whose status waits to be pushed to the platform (true), or only the others (false). */
  pendingPush?: boolean;
}

/** An order of a list as the page names it: a version of an order is a value, so the two say what it holds. */
export type OrderRef = Pick<OrderDocument, 'id' | 'version'>;

/** Newest first, by the time the order was placed; the (createdAt, id) index serves it. */
const NEWEST_FIRST = { field: 'createdAt', descending: true };

/** What an orders search looks in. */
const ORDER_SEARCH_FIELDS = ['number', 'externalId', 'storeName'];

const SOURCE_OF: Record<OrderStoreFilter, Record<string, string>> = {
  local: { source: 'local' },
  integrations: { source: 'integration' },
  all: {},
};

/**
 * Newest first, by the time the order was placed (on the platform, for imported ones): the id and version of each
 * order of the page, and the total from the counts the orders projection keeps, in one read.
 */
export async function findOrderPage(readModels: ReadModels, { page, limit, after, ...filter }: OrdersFilter): Promise<Page<OrderRef>> {
  const request = { page, limit, after };
  const bound = after === undefined ? undefined : keysetOf(after, NEWEST_FIRST);
  const where: Record<string, string | boolean> = { ...SOURCE_OF[filter.store] };
  if (filter.integrationId) where.integrationId = filter.integrationId;
  if (filter.status) where.status = filter.status;
  if (filter.pendingPush !== undefined) where.pushPending = filter.pendingPush;
  const matching = filter.q ? { fields: ORDER_SEARCH_FIELDS, text: filter.q } : undefined;
  // The kept counts are per source, integration and status: a search or the push filter counts its matches instead.
  const counted = matching || filter.pendingPush !== undefined;
  // createdAt is picked for the cursor after the page's last order.
  const { items, total } = await readModels.findPage<OrderRef & { createdAt?: string }>(
    ORDERS_COLLECTION,
    { where, matching, orderBy: NEWEST_FIRST, ...findWindow(request, bound), pick: ['id', 'version', 'createdAt'] },
    counted ? undefined : { collection: ORDER_COUNTS_COLLECTION, field: 'count', where },
  );
  const found = pageOfWindow(items, total, request, NEWEST_FIRST);
  return { ...found, items: found.items.map(({ id, version }) => ({ id, version })) };
}

/** The orders with these ids as lists show them: without their `feed`, which only an order's own page shows. */
export function listedOrders(readModels: ReadModels, ids: readonly string[]): Promise<OrderDocument[]> {
  return getOrders(readModels, ids, { omit: ['feed'] });
}

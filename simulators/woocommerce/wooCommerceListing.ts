// GET /orders as WooCommerce answers it: modified_after/before (site time or GMT), orderby/order, page/per_page.
import { wooTime } from './wooCommerceOrderRecord.js';
import type { RawWooCommerceOrder } from './wooCommerceOrderStore.js';

/** A query WooCommerce refuses with 400 rest_invalid_param. */
export class WooCommerceInvalidParam extends Error {
  constructor(readonly param: string, problem: string) {
    super(`Invalid parameter(s): ${param} (${problem})`);
  }
}

const DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A filter time as the text WooCommerce compares it with: GMT when dates_are_gmt, else the site's own clock. */
function filterTime(text: string, param: string, gmt: boolean, offsetMinutes: number): string {
  const match = DATE.exec(text);
  if (!match || Number.isNaN(Date.parse(`${match[1]}Z`))) throw new WooCommerceInvalidParam(param, 'Invalid date.');
  if (!match[2]) return match[1];
  const at = new Date(Date.parse(text));
  return gmt ? wooTime(at) : wooTime(at, offsetMinutes);
}

const truthy = (value: string | null) => value === 'true' || value === '1';

export function selectOrders(orders: readonly RawWooCommerceOrder[], query: URLSearchParams, offsetMinutes: number): RawWooCommerceOrder[] {
  const gmt = truthy(query.get('dates_are_gmt'));
  const field = gmt ? 'date_modified_gmt' : 'date_modified';
  const createdField = gmt ? 'date_created_gmt' : 'date_created';
  const bounds: Array<[string, string, (value: string, bound: string) => boolean]> = [
    ['modified_after', field, (value, bound) => value > bound],
    ['modified_before', field, (value, bound) => value < bound],
    ['after', createdField, (value, bound) => value > bound],
    ['before', createdField, (value, bound) => value < bound],
  ];
  const active = bounds.flatMap(([param, key, test]) => {
    const text = query.get(param);
    return text ? [{ key, bound: filterTime(text, param, gmt, offsetMinutes), test }] : [];
  });
  const statuses = query.get('status')?.split(',').filter((status) => status && status !== 'any');
  return orders.filter((order) => {
    if (statuses?.length && !statuses.includes(String(order.status))) return false;
    // Hostile orders with unreadable dates are always listed, so clients meet them.
    return active.every(({ key, bound, test }) => typeof order[key] !== 'string' || test((order[key] as string).slice(0, 19), bound));
  });
}

export function sortOrders(orders: RawWooCommerceOrder[], query: URLSearchParams): RawWooCommerceOrder[] {
  const orderby = query.get('orderby') ?? 'date';
  const keys: Record<string, string> = { id: 'id', date: 'date_created_gmt', modified: 'date_modified_gmt', include: 'id' };
  if (!(orderby in keys)) throw new WooCommerceInvalidParam('orderby', 'orderby is not one of date, id, include, title, slug, modified.');
  const direction = (query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
  const key = keys[orderby];
  return [...orders].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    return (x < y ? -1 : 1) * direction;
  });
}

/** One page of a list with WordPress's count headers; a page past the end is an empty list. */
export function paginate<T>(items: readonly T[], query: URLSearchParams): { page: T[]; headers: Record<string, string> } {
  const perPage = Number(query.get('per_page') ?? 10);
  const page = Number(query.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new WooCommerceInvalidParam('per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)');
  if (!Number.isInteger(page) || page < 1) throw new WooCommerceInvalidParam('page', 'page must be greater than or equal to 1');
  const totalPages = Math.ceil(items.length / perPage);
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: { 'X-WP-Total': String(items.length), 'X-WP-TotalPages': String(totalPages) },
  };
}

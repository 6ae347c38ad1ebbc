// How the simulator answers list requests: filters, sort, include, and the paginated envelope.
import type { RawKeycrmOrder } from './keycrmOrderStore.js';
import type { KeycrmCategoryRecord, KeycrmDeliveryServiceRecord, KeycrmManagerRecord, KeycrmStatusRecord } from './keycrmSimulatorCatalog.js';
import { SHIPPING_NOT_NULLABLE, specOrder, specOrderProduct, withoutNull } from './keycrmSpecShape.js';

export class KeycrmValidationError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(problem);
  }
}

export interface KeycrmAccountLists {
  statuses: KeycrmStatusRecord[];
  deliveryServices: KeycrmDeliveryServiceRecord[];
  managers: KeycrmManagerRecord[];
  categories: KeycrmCategoryRecord[];
}

/** page and limit as the spec's pageParam/limitParam define them (limit 1..50, default 15). */
export function pagingOf(query: URLSearchParams): { page: number; limit: number } {
  const integer = (name: string, fallback: number) => {
    const text = query.get(name);
    if (text === null || text === '') return fallback;
    if (!/^\d+$/.test(text)) throw new KeycrmValidationError(name, `The ${name} must be an integer.`);
    return Number(text);
  };
  const limit = integer('limit', 15);
  if (limit < 1) throw new KeycrmValidationError('limit', 'The limit must be at least 1.');
  if (limit > 50) throw new KeycrmValidationError('limit', 'The limit may not be greater than 50.');
  const page = integer('page', 1);
  if (page < 1) throw new KeycrmValidationError('page', 'The page must be at least 1.');
  return { page, limit };
}

/** The PaginatedResponse envelope, with the spec's fields only: no next_page_url on the last page (the spec allows no null). */
export function paginate<T>(items: readonly T[], query: URLSearchParams, url: URL): Record<string, unknown> {
  const { page, limit } = pagingOf(query);
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const pageUrl = (n: number) => {
    const link = new URL(url);
    link.searchParams.set('page', String(n));
    return link.toString();
  };
  return {
    total,
    current_page: page,
    per_page: limit,
    data: items.slice((page - 1) * limit, page * limit),
    first_page_url: pageUrl(1),
    last_page_url: pageUrl(lastPage),
    ...(page < lastPage ? { next_page_url: pageUrl(page + 1) } : {}),
  };
}

/** "2020-08-24 00:00:00, 2020-09-22 23:59:59" or "2020-08-24,2020-09-22" (dates cover whole days). */
function betweenOf(text: string, field: string): [string, string] {
  const parts = text.split(',').map((part) => part.trim());
  const valid = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;
  if (parts.length !== 2 || !parts.every((part) => valid.test(part))) {
    throw new KeycrmValidationError(field, `The ${field} must be two UTC times "YYYY-MM-DD HH:mm:ss" separated by a comma.`);
  }
  const [from, to] = parts;
  return [from.length === 10 ? `${from} 00:00:00` : from, to.length === 10 ? `${to} 23:59:59` : to];
}

/** Applies filter[...] the simulator knows: updated_between, created_between, status_id (comma list), source_uuid. */
export function filterOrders(orders: readonly RawKeycrmOrder[], query: URLSearchParams): RawKeycrmOrder[] {
  let selected = [...orders];
  for (const name of ['updated_between', 'created_between'] as const) {
    const text = query.get(`filter[${name}]`);
    if (text === null) continue;
    const [from, to] = betweenOf(text, `filter.${name}`);
    const field = name === 'updated_between' ? 'updated_at' : 'created_at';
    // KeyCRM times compare as text: fixed-width UTC, both bounds inclusive.
    selected = selected.filter((order) => typeof order[field] === 'string' && order[field] >= from && order[field] <= to);
  }
  const statuses = query.get('filter[status_id]');
  if (statuses !== null) {
    const wanted = new Set(statuses.split(',').map((id) => Number(id.trim())));
    selected = selected.filter((order) => wanted.has(order.status_id as number));
  }
  const sourceUuid = query.get('filter[source_uuid]');
  if (sourceUuid !== null) selected = selected.filter((order) => order.source_uuid === sourceUuid);
  return selected;
}

/** sort=id, -id, or another scalar field with an optional minus; default by id ascending. */
export function sortOrders<T extends Record<string, unknown>>(items: T[], sort: string | null): T[] {
  const descending = sort?.startsWith('-') ?? false;
  const field = (sort ?? 'id').replace(/^-/, '') || 'id';
  const value = (item: T) => item[field] as number | string;
  return items.sort((a, b) => {
    const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
    return descending ? -order : order;
  });
}

/** The order as GET answers it: associations only when `include` names them (spec: "returned only if include=…"), in the spec's shape. */
export function renderOrder(order: RawKeycrmOrder, includes: Set<string>, lists: KeycrmAccountLists): Record<string, unknown> {
  const { buyer, products, shipping, payments, ...base } = order;
  const rendered: Record<string, unknown> = specOrder(base);
  // buyer, shipping and manager are objects the spec does not let be null: an order without one has no key.
  const present = (value: unknown) => value !== null && value !== undefined;
  if (includes.has('buyer') && present(buyer)) rendered.buyer = buyer;
  if (includes.has('products') || includes.has('products.offer')) {
    // A hostile order's products that are no list are served as they are.
    rendered.products = Array.isArray(products)
      ? products.map((product) => (typeof product === 'object' && product !== null ? specOrderProduct(product, includes.has('products.offer')) : product))
      : (products ?? []);
  }
  // shipping.deliveryService and shipping.lastHistory are listed includes whose shape the spec does not give: only shipping is answered.
  if ([...includes].some((name) => name === 'shipping' || name.startsWith('shipping.')) && present(shipping)) {
    rendered.shipping = typeof shipping === 'object' ? withoutNull(shipping as Record<string, unknown>, SHIPPING_NOT_NULLABLE) : shipping;
  }
  if (includes.has('payments')) rendered.payments = payments ?? [];
  if (includes.has('status')) rendered.status = lists.statuses.find((status) => status.id === order.status_id) ?? null;
  const manager = lists.managers.find((candidate) => candidate.id === order.manager_id);
  if (includes.has('manager') && manager) rendered.manager = manager;
  return rendered;
}

export function includesOf(query: URLSearchParams): Set<string> {
  return new Set((query.get('include') ?? '').split(',').map((name) => name.trim()).filter(Boolean));
}

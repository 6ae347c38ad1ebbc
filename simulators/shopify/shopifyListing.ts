// GET orders.json as Shopify serves it: status and updated_at filters on the first page, then opaque page_info
// cursors in the Link header that carry those filters; a cursor may travel only with limit and fields.
import type { RawShopifyOrder } from './shopifyOrderStore.js';

/** A request Shopify answers with 400 and this message. */
export class ShopifyBadRequest extends Error {}

interface Cursor {
  status: string;
  updatedMin?: number;
  updatedMax?: number;
  descending: boolean;
  /** The id the next page starts after. */
  after: number;
}

export const MAX_LIMIT = 250;
const CURSOR_COMPANIONS = new Set(['page_info', 'limit', 'fields']);

export interface OrderPage {
  orders: RawShopifyOrder[];
  /** The Link header, absent on a single page. */
  link?: string;
}

export function listOrders(all: RawShopifyOrder[], query: URLSearchParams, pageUrl: (query: URLSearchParams) => string): OrderPage {
  const limit = limitOf(query.get('limit'));
  const cursor = query.has('page_info') ? cursorOf(query) : firstPageCursor(query);
  const selected = all
    .filter((order) => typeof order.id === 'number' && matches(order, cursor))
    .sort((a, b) => (cursor.descending ? (b.id as number) - (a.id as number) : (a.id as number) - (b.id as number)));
  const from = selected.findIndex((order) => (cursor.descending ? (order.id as number) < cursor.after : (order.id as number) > cursor.after));
  const rest = from < 0 ? [] : selected.slice(from);
  const orders = rest.slice(0, limit);
  const links: string[] = [];
  const link = (target: Cursor, rel: string) => {
    const params = new URLSearchParams({ limit: String(limit), page_info: encodeCursor(target) });
    links.push(`<${pageUrl(params)}>; rel="${rel}"`);
  };
  if (from > 0) {
    // The previous page ends just before this one's first order.
    const start = selected[Math.max(0, from - limit) - 1];
    link({ ...cursor, after: start ? (start.id as number) : cursor.descending ? Number.MAX_SAFE_INTEGER : 0 }, 'previous');
  }
  if (rest.length > limit) link({ ...cursor, after: orders[orders.length - 1].id as number }, 'next');
  return { orders, link: links.length > 0 ? links.join(', ') : undefined };
}

function limitOf(text: string | null): number {
  if (text === null) return 50;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ShopifyBadRequest(`limit must be between 1 and ${MAX_LIMIT}`);
  return limit;
}

function timeOf(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new ShopifyBadRequest(`${name} is not a valid date-time: ${text.slice(0, 40)}`);
  return at;
}

function firstPageCursor(query: URLSearchParams): Cursor {
  const status = query.get('status') ?? 'open';
  if (!['open', 'closed', 'cancelled', 'any'].includes(status)) throw new ShopifyBadRequest(`status must be open, closed, cancelled or any`);
  const descending = (query.get('order') ?? 'id desc').trim().toLowerCase() !== 'id asc';
  return {
    status,
    updatedMin: timeOf(query, 'updated_at_min'),
    updatedMax: timeOf(query, 'updated_at_max'),
    descending,
    after: descending ? Number.MAX_SAFE_INTEGER : 0,
  };
}

function cursorOf(query: URLSearchParams): Cursor {
  const extra = [...query.keys()].filter((name) => !CURSOR_COMPANIONS.has(name));
  if (extra.length > 0) throw new ShopifyBadRequest(`page_info cannot be combined with other parameters than limit and fields (got ${[...new Set(extra)].join(', ')})`);
  try {
    const cursor = JSON.parse(Buffer.from(query.get('page_info') ?? '', 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.after !== 'number' || typeof cursor.status !== 'string') throw new Error('incomplete');
    return cursor;
  } catch {
    throw new ShopifyBadRequest('page_info is invalid');
  }
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function matches(order: RawShopifyOrder, cursor: Cursor): boolean {
  const updated = typeof order.updated_at === 'string' ? Date.parse(order.updated_at) : NaN;
  if (cursor.updatedMin !== undefined && !(updated >= cursor.updatedMin)) return false;
  if (cursor.updatedMax !== undefined && !(updated <= cursor.updatedMax)) return false;
  if (cursor.status === 'any') return true;
  if (cursor.status === 'cancelled') return Boolean(order.cancelled_at);
  if (cursor.status === 'closed') return Boolean(order.closed_at);
  return !order.closed_at && !order.cancelled_at;
}

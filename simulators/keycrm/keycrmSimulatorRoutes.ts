// What the KeyCRM simulator answers once a request is let in: the account's lists, orders, catalogue and stock writes.
import type { IncomingMessage } from 'node:http';
import { keycrmTime } from './keycrmOrderRecord.js';
import type { KeycrmShippingWrite, KeycrmSimulator, KeycrmStatusChange } from './keycrmSimulator.js';
import type { KeycrmOrderStore, RawKeycrmOrder } from './keycrmOrderStore.js';
import type { KeycrmSourceRecord } from './keycrmSimulatorCatalog.js';
import { createCatalogueProduct, offersOf } from './keycrmSimulatorProducts.js';
import { filterOrders, includesOf, paginate, renderOrder, sortOrders, type KeycrmAccountLists } from './keycrmSimulatorListing.js';
import { HttpAnswer, jsonBody } from '../shared/simulatorHttp.js';

/** The simulated account: what it holds and what it recorded of the writes it received. */
export interface KeycrmAccount {
  readonly now: () => Date;
  readonly orders: KeycrmOrderStore;
  readonly lists: KeycrmAccountLists;
  readonly sources: KeycrmSourceRecord[];
  readonly catalogue: Record<string, unknown>[];
  readonly productsCreated: Record<string, unknown>[];
  readonly statusChanges: KeycrmStatusChange[];
  readonly shippingWrites: KeycrmShippingWrite[];
  readonly stocks: Map<string, number>;
  readonly stockUpdates: KeycrmSimulator['stockUpdates'];
}

const notFound = () => new HttpAnswer(404, { message: 'Not found.' });
const invalid = (field: string, problem: string) => new HttpAnswer(422, { message: 'The given data was invalid.', errors: { [field]: [problem] } });
const notJson = () => new HttpAnswer(400, { message: 'The request body must be JSON.' });

/** The last filtered and sorted list of each account: the pages of one walk share it until an order changes. */
const selections = new WeakMap<KeycrmAccount, { key: string; revision: number; orders: RawKeycrmOrder[] }>();

// A walk over a million orders would filter and sort all of them again for each page of 50.
function selectionOf(account: KeycrmAccount, query: URLSearchParams): RawKeycrmOrder[] {
  const key = [...query].filter(([name]) => name !== 'page' && name !== 'limit' && name !== 'include').sort().join('&');
  const kept = selections.get(account);
  if (kept && kept.key === key && kept.revision === account.orders.revision) return kept.orders;
  const orders = sortOrders(filterOrders(account.orders.all(), query), query.get('sort'));
  selections.set(account, { key, revision: account.orders.revision, orders });
  return orders;
}

/** The answer of an authenticated, admitted request. */
export async function routeKeycrmRequest(account: KeycrmAccount, request: IncomingMessage, url: URL): Promise<HttpAnswer> {
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.searchParams;
  const { lists, catalogue } = account;
  if (request.method === 'GET' && path === '/v1/order') {
    const selected = selectionOf(account, query);
    const includes = includesOf(query);
    const page = paginate(selected, query, url);
    page.data = (page.data as RawKeycrmOrder[]).map((order) => renderOrder(order, includes, lists));
    return new HttpAnswer(200, page);
  }
  if (request.method === 'GET' && path === '/v1/order/status') return new HttpAnswer(200, paginate(lists.statuses, query, url));
  if (request.method === 'GET' && path === '/v1/order/source') return new HttpAnswer(200, paginate(account.sources, query, url));
  if (request.method === 'GET' && path === '/v1/order/delivery-service') return new HttpAnswer(200, paginate(lists.deliveryServices, query, url));
  if (request.method === 'PUT' && path === '/v1/offers/stocks') return updateStocks(account, await jsonBody(request));
  if (request.method === 'POST' && path === '/v1/products') {
    const created = createCatalogueProduct(catalogue, await jsonBody(request));
    if (created.status === 201) account.productsCreated.push(created.body as Record<string, unknown>);
    return new HttpAnswer(created.status, created.body);
  }
  if (request.method === 'GET' && path === '/v1/offers') return new HttpAnswer(200, paginate(offersOf(catalogue, query), query, url));
  // GET /products takes only include=custom_fields: categories are their own list.
  if (request.method === 'GET' && path === '/v1/products') return new HttpAnswer(200, paginate(catalogue, query, url));
  if (request.method === 'GET' && path === '/v1/products/categories') return new HttpAnswer(200, paginate(lists.categories, query, url));
  const single = /^\/v1\/order\/(\d+)$/.exec(path);
  return single ? routeOrder(account, Number(single[1]), request, query) : notFound();
}

/** GET /order/{id} reads one order; PUT writes its status and shipping. */
async function routeOrder(account: KeycrmAccount, id: number, request: IncomingMessage, query: URLSearchParams): Promise<HttpAnswer> {
  const order = account.orders.all().find((candidate) => candidate.id === id);
  if (!order) return new HttpAnswer(404, { message: `Order ${id} not found.` });
  if (request.method === 'GET') return new HttpAnswer(200, renderOrder(order, includesOf(query), account.lists));
  if (request.method !== 'PUT') return new HttpAnswer(405, { message: 'Method not allowed.' });
  const body = await jsonBody(request);
  if (body === undefined) return notJson();
  if ('status_id' in body) {
    const refused = writeStatus(account, id, order, body.status_id);
    if (refused) return refused;
  }
  if ('shipping' in body) {
    const refused = writeShipping(account, id, body.shipping);
    if (refused) return refused;
  }
  return new HttpAnswer(202, renderOrder(account.orders.all().find((candidate) => candidate.id === id)!, new Set(), account.lists));
}

/** Moves the order to one of the account's statuses; a refusal when the status is unknown. */
function writeStatus(account: KeycrmAccount, id: number, order: RawKeycrmOrder, statusId: unknown): HttpAnswer | undefined {
  const status = account.lists.statuses.find((candidate) => candidate.id === statusId);
  if (typeof statusId !== 'number' || !status) return invalid('status_id', 'The selected status id is invalid.');
  account.statusChanges.push({ orderId: id, from: order.status_id, to: statusId, at: keycrmTime(account.now()) });
  account.orders.setStatus(id, statusId, status.group_id);
  return undefined;
}

/** Records a tracking code and the dispatch day (Y-m-d); a refusal naming the field when either is malformed. */
function writeShipping(account: KeycrmAccount, id: number, shipping: unknown): HttpAnswer | undefined {
  if (typeof shipping !== 'object' || shipping === null) return invalid('shipping', 'The shipping must be an object.');
  const { tracking_code, shipping_date } = shipping as Record<string, unknown>;
  if (tracking_code !== undefined && typeof tracking_code !== 'string') return invalid('shipping.tracking_code', 'The tracking code must be a string.');
  if (shipping_date !== undefined && (typeof shipping_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(shipping_date))) {
    return invalid('shipping.shipping_date', 'The shipping date does not match the format Y-m-d.');
  }
  account.shippingWrites.push({ orderId: id, tracking_code, shipping_date });
  account.orders.setShipping(id, {
    ...(tracking_code === undefined ? {} : { tracking_code }),
    ...(shipping_date === undefined ? {} : { shipping_date_actual: `${shipping_date}T00:00:00.000000Z` }),
  });
  return undefined;
}

/** PUT /offers/stocks: each row names a sku (or offer_id) and the quantity the warehouse should hold. */
function updateStocks(account: KeycrmAccount, body: Record<string, unknown> | undefined): HttpAnswer {
  if (body === undefined) return notJson();
  if (typeof body.warehouse_id !== 'number') return invalid('warehouse_id', 'The warehouse id field is required.');
  if (!Array.isArray(body.stocks) || body.stocks.length > 10_000) return invalid('stocks', 'The stocks field must be an array of at most 10000 rows.');
  const rows: { sku: string; quantity: number }[] = [];
  for (const [index, row] of (body.stocks as Record<string, unknown>[]).entries()) {
    if (typeof row?.sku !== 'string' || row.sku === '') return invalid(`stocks.${index}.sku`, 'The sku field is required.');
    if (typeof row.quantity !== 'number' || row.quantity < 0) return invalid(`stocks.${index}.quantity`, 'The quantity must be a number of at least 0.');
    rows.push({ sku: row.sku, quantity: row.quantity });
  }
  for (const row of rows) account.stocks.set(`${body.warehouse_id}:${row.sku}`, row.quantity);
  account.stockUpdates.push({ warehouseId: body.warehouse_id, stocks: rows });
  return new HttpAnswer(202, { status: true });
}

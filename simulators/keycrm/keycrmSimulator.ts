// A KeyCRM OpenAPI stand-in over real HTTP, for tests and demos: auth, per-key limit, pagination, include, status writes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { keycrmTime, type KeycrmOrderRecord } from './keycrmOrderRecord.js';
import { KeycrmOrderStore, type RawKeycrmOrder } from './keycrmOrderStore.js';
import { SlidingWindowLimit } from '../shared/slidingWindowLimit.js';
import type { KeycrmHostileMode } from './keycrmHostileMode.js';
import {
  defaultKeycrmDeliveryServices,
  defaultKeycrmManagers,
  defaultKeycrmSources,
  defaultKeycrmStatuses,
  type KeycrmSourceRecord,
  type KeycrmStatusRecord,
} from './keycrmSimulatorCatalog.js';
import { catalogueOf, createCatalogueProduct, offersOf } from './keycrmSimulatorProducts.js';
import { filterOrders, includesOf, KeycrmValidationError, paginate, renderOrder, sortOrders, type KeycrmAccountLists } from './keycrmSimulatorListing.js';
import { closeServer, jsonBody, listenSimulator, HttpAnswer } from '../shared/simulatorHttp.js';

export interface KeycrmFailureMode {
  /** Every Nth authenticated request answers 503. */
  fail5xxEvery?: number;
}

/** One scripted bad answer, served instead of the real one. */
export interface KeycrmInjectedFailure {
  status?: number;
  body?: string;
  /** Wait this long before answering (to exercise client timeouts). */
  delayMs?: number;
}

export interface KeycrmSimulatorOptions {
  apiKey: string;
  port?: number;
  host?: string;
  /** KeyCRM allows 60 per minute per key; 0 means unlimited. */
  requestsPerMinute?: number;
  /** Length of the limit's sliding window; shorter than a minute only in tests. */
  windowMs?: number;
  seedOrders?: ReadonlyArray<KeycrmOrderRecord | RawKeycrmOrder>;
  /** Currency of the account's default source. */
  currency?: string;
  statuses?: KeycrmStatusRecord[];
  sources?: KeycrmSourceRecord[];
  retryAfterFormat?: 'seconds' | 'http-date';
  /** The catalogue; by default the distinct products of the seeded orders. */
  products?: Record<string, unknown>[];
  failureMode?: KeycrmFailureMode;
  /** Misbehave like a platform under stress (5xx, 429 bursts, stalls, broken bodies); see keycrmHostileMode.ts. */
  hostile?: KeycrmHostileMode;
  now?: () => Date;
}

export interface KeycrmStatusChange {
  orderId: number;
  from: unknown;
  to: number;
  at: string;
}

export interface KeycrmShippingWrite {
  orderId: number;
  tracking_code: unknown;
  shipping_date: unknown;
}

export interface KeycrmRequestRecord {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  /** Arrival, ms since the epoch. */
  at: number;
  /** What Retry-After announced, for 429 answers. */
  retryAfterMs?: number;
}

export interface KeycrmSimulator {
  /** e.g. http://127.0.0.1:4010/v1 */
  readonly baseUrl: string;
  readonly port: number;
  readonly apiKey: string;
  readonly orders: KeycrmOrderStore;
  readonly statuses: KeycrmStatusRecord[];
  readonly sources: KeycrmSourceRecord[];
  readonly statusChanges: KeycrmStatusChange[];
  /** Every shipping block received by PUT /order/{id}, in order. */
  readonly shippingWrites: KeycrmShippingWrite[];
  /** Stock per warehouse and SKU, as set by PUT /offers/stocks. */
  readonly stocks: Map<string, number>;
  /** Every PUT /offers/stocks received, in order. */
  readonly stockUpdates: { warehouseId: number; stocks: { sku: string; quantity: number }[] }[];
  /** The products GET /products lists (with `category` when included); edit it to change the catalogue. */
  readonly catalogue: Record<string, unknown>[];
  /** Every product created by POST /products, in order. */
  readonly productsCreated: Record<string, unknown>[];
  readonly requests: KeycrmRequestRecord[];
  readonly requestCount: number;
  readonly rateLimitedCount: number;
  /** The next `count` authenticated, admitted requests get this answer instead. */
  failNext(count: number, failure?: KeycrmInjectedFailure): void;
  close(): Promise<void>;
}

const notFound = () => new HttpAnswer(404, { message: 'Not found.' });
const invalid = (field: string, problem: string) => new HttpAnswer(422, { message: 'The given data was invalid.', errors: { [field]: [problem] } });

export async function startKeycrmSimulator(options: KeycrmSimulatorOptions): Promise<KeycrmSimulator> {
  const now = options.now ?? (() => new Date());
  const orders = new KeycrmOrderStore(now);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawKeycrmOrder);
  const lists: KeycrmAccountLists = {
    statuses: options.statuses ?? defaultKeycrmStatuses(),
    deliveryServices: defaultKeycrmDeliveryServices(),
    managers: defaultKeycrmManagers(),
  };
  const sources = options.sources ?? defaultKeycrmSources(options.currency ?? 'UAH');
  const rateWindow = new SlidingWindowLimit(options.requestsPerMinute ?? 60, options.windowMs ?? 60_000);
  const statusChanges: KeycrmStatusChange[] = [];
  const shippingWrites: KeycrmShippingWrite[] = [];
  const stocks = new Map<string, number>();
  const catalogue = options.products ? [...options.products] : catalogueOf(orders.all());
  const stockUpdates: KeycrmSimulator['stockUpdates'] = [];
  const productsCreated: Record<string, unknown>[] = [];
  const requests: KeycrmRequestRecord[] = [];
  const injected: KeycrmInjectedFailure[] = [];
  let admitted = 0;
  let rateLimited = 0;

  const retryAfter = (waitMs: number, at: number): [string, number] => {
    if (options.retryAfterFormat === 'http-date') {
      // HTTP dates have whole seconds: round up so the announced moment is never too early.
      const when = Math.ceil((at + waitMs) / 1000) * 1000;
      return [new Date(when).toUTCString(), when - at];
    }
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return [String(seconds), seconds * 1000];
  };

  const route = async (request: IncomingMessage, url: URL): Promise<HttpAnswer> => {
    const path = url.pathname.replace(/\/+$/, '');
    const query = url.searchParams;
    if (request.method === 'GET' && path === '/v1/order') {
      const selected = sortOrders(filterOrders(orders.all(), query), query.get('sort'));
      const includes = includesOf(query);
      const page = paginate(selected, query, url);
      page.data = (page.data as RawKeycrmOrder[]).map((order) => renderOrder(order, includes, lists));
      return new HttpAnswer(200, page);
    }
    if (request.method === 'GET' && path === '/v1/order/status') return new HttpAnswer(200, paginate(lists.statuses, query, url));
    if (request.method === 'GET' && path === '/v1/order/source') return new HttpAnswer(200, paginate(sources, query, url));
    if (request.method === 'GET' && path === '/v1/order/delivery-service') return new HttpAnswer(200, paginate(lists.deliveryServices, query, url));
    if (request.method === 'PUT' && path === '/v1/offers/stocks') return updateStocks(await jsonBody(request));
    if (request.method === 'POST' && path === '/v1/products') {
      const created = createCatalogueProduct(catalogue, await jsonBody(request));
      if (created.status === 201) productsCreated.push(created.body as Record<string, unknown>);
      return new HttpAnswer(created.status, created.body);
    }
    if (request.method === 'GET' && path === '/v1/offers') return new HttpAnswer(200, paginate(offersOf(catalogue, query), query, url));
    if (request.method === 'GET' && path === '/v1/products') {
      const withCategory = includesOf(query).has('category');
      const listed = catalogue.map(({ category, ...product }) => (withCategory ? { ...product, category } : product));
      return new HttpAnswer(200, paginate(listed, query, url));
    }
    const single = /^\/v1\/order\/(\d+)$/.exec(path);
    if (!single) return notFound();
    const id = Number(single[1]);
    const order = orders.all().find((candidate) => candidate.id === id);
    if (!order) return new HttpAnswer(404, { message: `Order ${id} not found.` });
    if (request.method === 'GET') return new HttpAnswer(200, renderOrder(order, includesOf(query), lists));
    if (request.method !== 'PUT') return new HttpAnswer(405, { message: 'Method not allowed.' });
    const body = await jsonBody(request);
    if (body === undefined) return new HttpAnswer(400, { message: 'The request body must be JSON.' });
    if ('status_id' in body) {
      const statusId = body.status_id;
      if (typeof statusId !== 'number' || !lists.statuses.some((status) => status.id === statusId)) return invalid('status_id', 'The selected status id is invalid.');
      statusChanges.push({ orderId: id, from: order.status_id, to: statusId, at: keycrmTime(now()) });
      orders.setStatus(id, statusId, lists.statuses.find((status) => status.id === statusId)!.group_id);
    }
    if ('shipping' in body) {
      const shipping = body.shipping as Record<string, unknown> | null;
      if (typeof shipping !== 'object' || shipping === null) return invalid('shipping', 'The shipping must be an object.');
      const { tracking_code, shipping_date } = shipping;
      if (tracking_code !== undefined && typeof tracking_code !== 'string') return invalid('shipping.tracking_code', 'The tracking code must be a string.');
      if (shipping_date !== undefined && (typeof shipping_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(shipping_date))) {
        return invalid('shipping.shipping_date', 'The shipping date does not match the format Y-m-d.');
      }
      shippingWrites.push({ orderId: id, tracking_code, shipping_date });
      orders.setShipping(id, {
        ...(tracking_code === undefined ? {} : { tracking_code }),
        ...(shipping_date === undefined ? {} : { shipping_date_actual: `${shipping_date}T00:00:00.000000Z` }),
      });
    }
    return new HttpAnswer(202, renderOrder(orders.all().find((candidate) => candidate.id === id)!, new Set(), lists));
  };

  // PUT /offers/stocks: each row names a sku (or offer_id) and the quantity the warehouse should hold.
  const updateStocks = (body: Record<string, unknown> | undefined): HttpAnswer => {
    if (body === undefined) return new HttpAnswer(400, { message: 'The request body must be JSON.' });
    if (typeof body.warehouse_id !== 'number') return invalid('warehouse_id', 'The warehouse id field is required.');
    if (!Array.isArray(body.stocks) || body.stocks.length > 10_000) return invalid('stocks', 'The stocks field must be an array of at most 10000 rows.');
    const rows: { sku: string; quantity: number }[] = [];
    for (const [index, row] of (body.stocks as Record<string, unknown>[]).entries()) {
      if (typeof row?.sku !== 'string' || row.sku === '') return invalid(`stocks.${index}.sku`, 'The sku field is required.');
      if (typeof row.quantity !== 'number' || row.quantity < 0) return invalid(`stocks.${index}.quantity`, 'The quantity must be a number of at least 0.');
      rows.push({ sku: row.sku, quantity: row.quantity });
    }
    for (const row of rows) stocks.set(`${body.warehouse_id}:${row.sku}`, row.quantity);
    stockUpdates.push({ warehouseId: body.warehouse_id, stocks: rows });
    return new HttpAnswer(200, { message: 'ok' });
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const arrivedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const record: KeycrmRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: arrivedAt };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, raw = false) => {
      record.status = status;
      const text = raw ? String(body) : JSON.stringify(body);
      response.writeHead(status, { 'Content-Type': raw ? 'text/html; charset=utf-8' : 'application/json', ...headers });
      response.end(text);
    };
    const viewPage = /^\/app\/orders\/view\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && viewPage) return send(200, `<!doctype html><title>KeyCRM order ${viewPage[1]}</title><h1>Order ${viewPage[1]}</h1>`, {}, true);
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) return send(401, { message: 'Unauthenticated.' });
    const waitMs = rateWindow.admit(options.apiKey, arrivedAt);
    if (waitMs > 0) {
      rateLimited++;
      const [header, announcedMs] = retryAfter(waitMs, arrivedAt);
      record.retryAfterMs = announcedMs;
      return send(429, { message: 'Too Many Attempts.' }, { 'Retry-After': header });
    }
    admitted++;
    const sabotage = options.hostile?.pick();
    if (sabotage) {
      record.status = await options.hostile!.sabotage(sabotage, response, async () => JSON.stringify((await route(request, url)).body));
      return;
    }
    const every = options.failureMode?.fail5xxEvery;
    const failure = injected.shift() ?? (every && admitted % every === 0 ? { status: 503 } : undefined);
    if (failure) {
      if (failure.delayMs) await delay(failure.delayMs);
      const status = failure.status ?? 503;
      return failure.body !== undefined ? send(status, failure.body, {}, true) : send(status, { message: 'Service temporarily unavailable.' });
    }
    try {
      const result = await route(request, url);
      send(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof KeycrmValidationError) return send(422, { message: 'The given data was invalid.', errors: { [error.field]: [error.message] } });
      send(500, { message: 'Server Error' });
    }
  };

  const { server, port, origin } = await listenSimulator(answer, options);

  return {
    baseUrl: `${origin}/v1`,
    port,
    apiKey: options.apiKey,
    orders,
    statuses: lists.statuses,
    sources,
    statusChanges,
    shippingWrites,
    stocks,
    stockUpdates,
    catalogue,
    productsCreated,
    requests,
    get requestCount() {
      return requests.length;
    },
    get rateLimitedCount() {
      return rateLimited;
    },
    failNext(count, failure = {}) {
      for (let index = 0; index < count; index++) injected.push(failure);
    },
    close: () => closeServer(server),
  };
}

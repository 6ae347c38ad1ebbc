// A WooCommerce REST v3 stand-in over real HTTP, for tests and demos: Basic auth, WordPress pagination headers,
// a host's request limit (429 + Retry-After), order status writes and product stock writes, all recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyStock, catalogueOf, listedProducts, type WooCommerceProductRecord, type WooCommerceStockWrite } from './wooCommerceCatalogue.js';
import { paginate, selectOrders, sortOrders, WooCommerceInvalidParam } from './wooCommerceListing.js';
import type { WooCommerceOrderRecord } from './wooCommerceOrderRecord.js';
import { WooCommerceOrderStore, type RawWooCommerceOrder } from './wooCommerceOrderStore.js';
import { SlidingWindowLimit } from '../shared/slidingWindowLimit.js';
import { closeServer, jsonBody, listenSimulator } from '../shared/simulatorHttp.js';

export interface WooCommerceSimulatorOptions {
  consumerKey: string;
  consumerSecret: string;
  port?: number;
  host?: string;
  /** WooCommerce core has no limit; hosts put one in front. 0 means unlimited. */
  requestsPerMinute?: number;
  /** Length of the limit's sliding window; shorter than a minute only in tests. */
  windowMs?: number;
  seedOrders?: ReadonlyArray<WooCommerceOrderRecord | RawWooCommerceOrder>;
  /** The catalogue; by default the distinct products and variations of the seeded orders. */
  products?: WooCommerceProductRecord[];
  /** Statuses PUT /orders/{id} accepts besides core's seven (plugins add some). */
  extraStatuses?: string[];
  /** The site's UTC offset: plain date fields and filters without dates_are_gmt use it. */
  siteOffsetMinutes?: number;
  now?: () => Date;
}

export interface WooCommerceStatusChange {
  orderId: number;
  from: unknown;
  to: string;
  at: string;
}

export interface WooCommerceRequestRecord {
  method: string;
  url: string;
  status: number;
  at: number;
}

export interface WooCommerceSimulator {
  /** The site, e.g. http://127.0.0.1:4020 (the API is under /wp-json/wc/v3). */
  readonly baseUrl: string;
  readonly port: number;
  readonly orders: WooCommerceOrderStore;
  readonly catalogue: WooCommerceProductRecord[];
  readonly statusChanges: WooCommerceStatusChange[];
  readonly stockWrites: WooCommerceStockWrite[];
  readonly requests: WooCommerceRequestRecord[];
  readonly requestCount: number;
  readonly rateLimitedCount: number;
  close(): Promise<void>;
}

export const CORE_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'];
const API = '/wp-json/wc/v3';

class Answer {
  constructor(readonly status: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {}
}

/** WordPress's error envelope. */
const wpError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => new Answer(status, { code, message, data: { status } }, headers);

export async function startWooCommerceSimulator(options: WooCommerceSimulatorOptions): Promise<WooCommerceSimulator> {
  const now = options.now ?? (() => new Date());
  const orders = new WooCommerceOrderStore(now, options.siteOffsetMinutes ?? 120);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawWooCommerceOrder);
  const catalogue = options.products ? [...options.products] : catalogueOf(orders.all());
  const statuses = [...CORE_STATUSES, ...(options.extraStatuses ?? [])];
  const rateWindow = new SlidingWindowLimit(options.requestsPerMinute ?? 0, options.windowMs ?? 60_000);
  const statusChanges: WooCommerceStatusChange[] = [];
  const stockWrites: WooCommerceStockWrite[] = [];
  const requests: WooCommerceRequestRecord[] = [];
  let rateLimited = 0;
  let baseUrl = '';

  const links = (path: string) => ({ self: [{ href: `${baseUrl}${API}${path}` }], collection: [{ href: `${baseUrl}${API}${path.replace(/\/\d+$/, '')}` }] });
  const present = (order: RawWooCommerceOrder) => ({ ...order, _links: links(`/orders/${order.id}`) });

  const authenticate = (request: IncomingMessage): Answer | undefined => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const split = decoded.indexOf(':');
    const [key, secret] = split < 0 ? [decoded, ''] : [decoded.slice(0, split), decoded.slice(split + 1)];
    if (key !== options.consumerKey) return wpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
    if (secret !== options.consumerSecret) return wpError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.');
    return undefined;
  };

  const route = async (request: IncomingMessage, url: URL): Promise<Answer> => {
    const path = url.pathname.slice(API.length).replace(/\/+$/, '');
    const query = url.searchParams;
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/orders') {
      const selected = sortOrders(selectOrders(orders.all(), query, orders.siteOffsetMinutes), query);
      const { page, headers } = paginate(selected, query);
      return new Answer(200, page.map(present), headers);
    }
    if (method === 'GET' && path === '/products') {
      const { page, headers } = paginate(listedProducts(catalogue, query.get('sku')), query);
      return new Answer(200, page, headers);
    }
    const single = /^\/orders\/(\d+)$/.exec(path);
    if (single) return orderRoute(method, Number(single[1]), request);
    const product = /^\/products\/(\d+)(?:\/variations\/(\d+))?$/.exec(path);
    if (product) return productRoute(method, Number(product[1]), product[2] === undefined ? undefined : Number(product[2]), request);
    return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  };

  const orderRoute = async (method: string, id: number, request: IncomingMessage): Promise<Answer> => {
    const order = orders.all().find((candidate) => candidate.id === id);
    if (!order) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    if (method === 'GET') return new Answer(200, present(order));
    if (method !== 'PUT' && method !== 'POST') return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    const body = await jsonBody(request);
    if (body === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    if ('status' in body) {
      if (typeof body.status !== 'string' || !statuses.includes(body.status)) {
        return wpError(400, 'rest_invalid_param', `Invalid parameter(s): status (status is not one of ${statuses.join(', ')}.)`);
      }
      statusChanges.push({ orderId: id, from: order.status, to: body.status, at: now().toISOString() });
      orders.setStatus(id, body.status);
    }
    return new Answer(200, present(orders.all().find((candidate) => candidate.id === id)!));
  };

  const productRoute = async (method: string, id: number, variationId: number | undefined, request: IncomingMessage): Promise<Answer> => {
    const parent = catalogue.find((candidate) => candidate.id === id && candidate.type !== 'variation');
    const target = variationId === undefined ? parent : catalogue.find((candidate) => candidate.id === variationId && candidate.parent_id === id);
    if (!parent || !target) return wpError(404, variationId === undefined ? 'woocommerce_rest_product_invalid_id' : 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
    if (method === 'GET') return new Answer(200, target);
    if (method !== 'PUT' && method !== 'POST') return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    const body = await jsonBody(request);
    if (body === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const problem = applyStock(target, body);
    if (problem) return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${problem}`);
    if ('stock_quantity' in body) {
      stockWrites.push({ productId: target.id, ...(variationId === undefined ? {} : { parentId: id }), sku: target.sku, quantity: target.stock_quantity!, at: now().toISOString() });
    }
    return new Answer(200, target);
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const arrivedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const record: WooCommerceRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: arrivedAt };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, html = false) => {
      record.status = status;
      response.writeHead(status, { 'Content-Type': html ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8', ...headers });
      response.end(html ? String(body) : JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/wp-admin/post.php') {
      const post = url.searchParams.get('post') ?? '';
      return send(200, `<!doctype html><title>Edit order #${post.replace(/\D/g, '')}</title><h1>Order #${post.replace(/\D/g, '')}</h1>`, {}, true);
    }
    if (!url.pathname.startsWith(`${API}/`)) return send(404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
    const refused = authenticate(request);
    if (refused) return send(refused.status, refused.body);
    const waitMs = rateWindow.admit(options.consumerKey, arrivedAt);
    if (waitMs > 0) {
      rateLimited++;
      const retry = wpError(429, 'rest_too_many_requests', 'Too many requests. Please slow down.', { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) });
      return send(retry.status, retry.body, retry.headers);
    }
    try {
      const result = await route(request, url);
      send(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof WooCommerceInvalidParam) return send(400, { code: 'rest_invalid_param', message: error.message, data: { status: 400, params: { [error.param]: error.message } } });
      send(500, { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } });
    }
  };

  const { server, port, origin } = await listenSimulator(answer, options);
  baseUrl = origin;

  return {
    baseUrl,
    port,
    orders,
    catalogue,
    statusChanges,
    stockWrites,
    requests,
    get requestCount() {
      return requests.length;
    },
    get rateLimitedCount() {
      return rateLimited;
    },
    close: () => closeServer(server),
  };
}

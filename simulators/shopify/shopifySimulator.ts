// A Shopify REST Admin API stand-in over real HTTP, for tests and demos: access token, leaky bucket with 429 and
// Retry-After, orders.json with page_info cursors, single orders, cancel / close / fulfil.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ShopifyLeakyBucket } from './shopifyLeakyBucket.js';
import { listOrders, ShopifyBadRequest } from './shopifyListing.js';
import type { ShopifyOrderRecord } from './shopifyOrderRecord.js';
import { ShopifyOrderStore, ShopifyRefusal, type RawShopifyOrder } from './shopifyOrderStore.js';
import { closeServer, jsonBody, listenSimulator, HttpAnswer } from '../shared/simulatorHttp.js';

export const SIMULATED_API_VERSION = '2024-10';

export interface ShopifySimulatorOptions {
  accessToken: string;
  port?: number;
  host?: string;
  seedOrders?: ReadonlyArray<ShopifyOrderRecord | RawShopifyOrder>;
  /** The REST bucket: 40 requests on standard plans; 0 means unlimited. */
  bucketSize?: number;
  /** How many requests leak out of the bucket per second: 2 on standard plans. */
  leakPerSecond?: number;
  now?: () => Date;
}

export interface ShopifyStatusChange {
  orderId: number;
  action: 'cancel' | 'close' | 'fulfil';
  at: string;
}

export interface ShopifyRequestRecord {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  /** Arrival, ms since the epoch. */
  at: number;
  /** X-Shopify-Shop-Api-Call-Limit as answered. */
  callLimit?: string;
}

export interface ShopifySimulator {
  /** The shop, e.g. http://127.0.0.1:4010 — what a connection's baseUrl names; the API is under /admin/api/<version>. */
  readonly baseUrl: string;
  readonly port: number;
  readonly accessToken: string;
  readonly orders: ShopifyOrderStore;
  /** Successful cancel / close / fulfil calls, in order. */
  readonly statusChanges: ShopifyStatusChange[];
  readonly requests: ShopifyRequestRecord[];
  readonly requestCount: number;
  readonly rateLimitedCount: number;
  /** Changes an order as a merchant would; updated_at moves to now. */
  updateOrder(id: number, patch: Partial<ShopifyOrderRecord> | Record<string, unknown>): RawShopifyOrder;
  close(): Promise<void>;
}

const notFound = () => new HttpAnswer(404, { errors: 'Not Found' });

export async function startShopifySimulator(options: ShopifySimulatorOptions): Promise<ShopifySimulator> {
  const now = options.now ?? (() => new Date());
  const orders = new ShopifyOrderStore(now);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawShopifyOrder);
  const bucket = new ShopifyLeakyBucket(options.bucketSize ?? 40, options.leakPerSecond ?? 2);
  const statusChanges: ShopifyStatusChange[] = [];
  const requests: ShopifyRequestRecord[] = [];
  const apiPrefix = `/admin/api/${SIMULATED_API_VERSION}`;
  let rateLimited = 0;

  const change = (orderId: number, action: ShopifyStatusChange['action'], apply: () => unknown): HttpAnswer => {
    if (!orders.get(orderId)) return notFound();
    try {
      const result = apply();
      statusChanges.push({ orderId, action, at: now().toISOString() });
      return action === 'fulfil' ? new HttpAnswer(201, { fulfillment: result }) : new HttpAnswer(200, { order: orders.get(orderId) });
    } catch (error) {
      if (error instanceof ShopifyRefusal) return new HttpAnswer(422, { errors: { base: [error.message] } });
      throw error;
    }
  };

  const route = async (request: IncomingMessage, url: URL, host: string): Promise<HttpAnswer> => {
    const path = url.pathname.slice(apiPrefix.length);
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/orders.json') {
      const page = listOrders(orders.all(), url.searchParams, (params) => `http://${host}${apiPrefix}/orders.json?${params}`);
      return new HttpAnswer(200, { orders: page.orders }, page.link ? { Link: page.link } : {});
    }
    if (method === 'POST' && path === '/fulfillments.json') return fulfil(await jsonBody(request));
    const single = /^\/orders\/(\d+)(?:\/(cancel|close|fulfillment_orders))?\.json$/.exec(path);
    if (!single) return notFound();
    const id = Number(single[1]);
    const order = orders.get(id);
    if (!order) return notFound();
    const action = single[2];
    if (method === 'GET' && action === undefined) return new HttpAnswer(200, { order });
    if (method === 'GET' && action === 'fulfillment_orders') return new HttpAnswer(200, { fulfillment_orders: [fulfillmentOrderOf(order)] });
    if (method === 'POST' && action === 'cancel') return change(id, 'cancel', () => orders.cancel(id));
    if (method === 'POST' && action === 'close') return change(id, 'close', () => orders.close(id));
    return new HttpAnswer(406, { errors: 'Not Acceptable' });
  };

  const fulfil = (body: Record<string, unknown> | undefined): HttpAnswer => {
    const wanted = (body?.fulfillment as { line_items_by_fulfillment_order?: unknown } | undefined)?.line_items_by_fulfillment_order;
    if (!Array.isArray(wanted) || wanted.length === 0) return new HttpAnswer(400, { errors: { fulfillment: 'Required parameter missing or invalid' } });
    const ids = wanted.map((entry) => Number((entry as { fulfillment_order_id?: unknown })?.fulfillment_order_id));
    const orderIds = ids.map((fulfillmentOrderId) => orders.all().find((order) => fulfillmentOrderIdOf(order) === fulfillmentOrderId)?.id);
    if (orderIds.some((orderId) => typeof orderId !== 'number') || new Set(orderIds).size !== 1) return notFound();
    return change(orderIds[0] as number, 'fulfil', () => orders.fulfil(orderIds[0] as number));
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const arrivedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const record: ShopifyRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: arrivedAt };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, html = false) => {
      record.status = status;
      response.writeHead(status, { 'Content-Type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
      response.end(html ? String(body) : JSON.stringify(body));
    };
    const adminPage = /^\/admin\/orders\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && adminPage) return send(200, `<!doctype html><title>Order ${adminPage[1]}</title><h1>Shopify order ${adminPage[1]}</h1>`, {}, true);
    if (!url.pathname.startsWith(`${apiPrefix}/`)) return send(404, { errors: 'Not Found' });
    if (request.headers['x-shopify-access-token'] !== options.accessToken) {
      return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    const waitMs = bucket.admit(arrivedAt);
    const callLimit = bucket.header(arrivedAt);
    record.callLimit = callLimit;
    if (waitMs > 0) {
      rateLimited++;
      return send(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, {
        'Retry-After': (Math.ceil(waitMs / 100) / 10).toFixed(1),
        'X-Shopify-Shop-Api-Call-Limit': callLimit,
      });
    }
    try {
      const result = await route(request, url, request.headers.host ?? 'simulator.local');
      send(result.status, result.body, { ...result.headers, 'X-Shopify-Shop-Api-Call-Limit': callLimit });
    } catch (error) {
      if (error instanceof ShopifyBadRequest) return send(400, { errors: error.message }, { 'X-Shopify-Shop-Api-Call-Limit': callLimit });
      send(500, { errors: 'Internal Server Error' });
    }
  };

  const { server, port, origin } = await listenSimulator(answer, options);

  return {
    baseUrl: origin,
    port,
    accessToken: options.accessToken,
    orders,
    statusChanges,
    requests,
    get requestCount() {
      return requests.length;
    },
    get rateLimitedCount() {
      return rateLimited;
    },
    updateOrder: (id, patch) => orders.updateOrder(id, patch),
    close: () => closeServer(server),
  };
}

/** One fulfillment order per order, numbered from the order's id. */
function fulfillmentOrderIdOf(order: RawShopifyOrder): number | undefined {
  return typeof order.id === 'number' ? order.id * 10 + 1 : undefined;
}

function fulfillmentOrderOf(order: RawShopifyOrder): Record<string, unknown> {
  const open = !order.cancelled_at && !order.closed_at && order.fulfillment_status !== 'fulfilled';
  return {
    id: fulfillmentOrderIdOf(order),
    order_id: order.id,
    status: open ? 'open' : 'closed',
    request_status: 'unsubmitted',
    supported_actions: open ? ['create_fulfillment', 'hold', 'move'] : [],
  };
}

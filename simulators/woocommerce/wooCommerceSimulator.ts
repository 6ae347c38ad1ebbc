// A WooCommerce REST v3 stand-in over real HTTP or HTTPS, for tests and demos: the REST key as WooCommerce takes it
// (Basic or query-string key over TLS, OAuth 1.0a signatures, replayed nonces refused), WordPress pagination headers,
// a host's request limit (429 + Retry-After), order status writes and product stock writes, all recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalogueOf, type WooCommerceProductRecord, type WooCommerceStockWrite } from './wooCommerceCatalogue.js';
import { WooCommerceAuthentication } from './wooCommerceAuthentication.js';
import { WooCommerceInvalidParam } from './wooCommerceListing.js';
import type { WooCommerceOrderRecord } from './wooCommerceOrderRecord.js';
import { WooCommerceOrderStore, type RawWooCommerceOrder } from './wooCommerceOrderStore.js';
import { WOOCOMMERCE_API, WooCommerceRoutes, wpError, type WooCommerceShop, type WooCommerceStatusChange } from './wooCommerceRoutes.js';
import { SlidingWindowLimit } from '../shared/slidingWindowLimit.js';
import { closeServer, listenSimulator } from '../shared/simulatorHttp.js';
import { loopbackCertificate } from '../shared/simulatorTls.js';

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
  /** Serve HTTPS with a certificate made at start (its PEM is the simulator's `certificate`); plain HTTP otherwise. */
  tls?: boolean;
  now?: () => Date;
}

export type { WooCommerceStatusChange } from './wooCommerceRoutes.js';

export interface WooCommerceRequestRecord {
  method: string;
  url: string;
  /** The scheme of the Authorization header ("Basic", "OAuth"), when one was sent. */
  authorization?: string;
  status: number;
  at: number;
}

export interface WooCommerceSimulator {
  /** The site, e.g. http://127.0.0.1:4020 or https://127.0.0.1:4020 (the API is under /wp-json/wc/v3). */
  readonly baseUrl: string;
  /** Over HTTPS: the certificate (PEM) a client trusts to reach it; undefined over plain HTTP. */
  readonly certificate: string | undefined;
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

export async function startWooCommerceSimulator(options: WooCommerceSimulatorOptions): Promise<WooCommerceSimulator> {
  const now = options.now ?? (() => new Date());
  const orders = new WooCommerceOrderStore(now, options.siteOffsetMinutes ?? 120);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawWooCommerceOrder);
  let baseUrl = '';
  const links = (path: string) => ({ self: [{ href: `${baseUrl}${WOOCOMMERCE_API}${path}` }], collection: [{ href: `${baseUrl}${WOOCOMMERCE_API}${path.replace(/\/\d+$/, '')}` }] });
  const shop: WooCommerceShop = {
    orders,
    catalogue: options.products ? [...options.products] : catalogueOf(orders.all()),
    statuses: [...CORE_STATUSES, ...(options.extraStatuses ?? [])],
    statusChanges: [],
    stockWrites: [],
    now,
    present: (order) => ({ ...order, _links: links(`/orders/${order.id}`) }),
  };
  const site = new WooCommerceSite(shop, options, () => baseUrl, () => Math.floor(now().getTime() / 1000));
  const certificate = options.tls ? await loopbackCertificate() : undefined;
  const { server, port, origin } = await listenSimulator((request, response) => site.answer(request, response), { ...options, tls: certificate });
  baseUrl = origin;

  return {
    baseUrl,
    certificate: certificate?.cert,
    port,
    orders,
    catalogue: shop.catalogue,
    statusChanges: shop.statusChanges,
    stockWrites: shop.stockWrites,
    requests: site.requests,
    get requestCount() {
      return site.requests.length;
    },
    get rateLimitedCount() {
      return site.rateLimited;
    },
    close: () => closeServer(server),
  };
}

/** One WordPress site in front of the shop: its admin page, the REST prefix, authentication, the host's limit, the routes. */
class WooCommerceSite {
  readonly requests: WooCommerceRequestRecord[] = [];
  rateLimited = 0;
  private readonly routes: WooCommerceRoutes;
  private readonly authentication: WooCommerceAuthentication;
  private readonly rateWindow: SlidingWindowLimit;

  constructor(
    shop: WooCommerceShop,
    private readonly options: WooCommerceSimulatorOptions,
    homeUrl: () => string,
    nowSeconds: () => number,
  ) {
    this.routes = new WooCommerceRoutes(shop);
    this.authentication = new WooCommerceAuthentication(options, homeUrl, options.tls === true, nowSeconds);
    this.rateWindow = new SlidingWindowLimit(options.requestsPerMinute ?? 0, options.windowMs ?? 60_000);
  }

  async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const record: WooCommerceRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: arrivedAt };
    const scheme = request.headers.authorization?.split(' ')[0];
    if (scheme) record.authorization = scheme;
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, html = false) => {
      record.status = status;
      response.writeHead(status, { 'Content-Type': html ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8', ...headers });
      response.end(html ? String(body) : JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/wp-admin/post.php') {
      const post = (url.searchParams.get('post') ?? '').replace(/\D/g, '');
      return send(200, `<!doctype html><title>Edit order #${post}</title><h1>Order #${post}</h1>`, {}, true);
    }
    if (!url.pathname.startsWith(`${WOOCOMMERCE_API}/`)) return send(404, wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.').body);
    const authenticated = this.authentication.authenticate(request, url);
    if (authenticated.kind === 'refused') {
      const { status, code, message, headers } = authenticated.error;
      return send(status, wpError(status, code, message).body, headers);
    }
    const waitMs = this.rateWindow.admit(this.options.consumerKey, arrivedAt);
    if (waitMs > 0) {
      this.rateLimited++;
      const retry = wpError(429, 'rest_too_many_requests', 'Too many requests. Please slow down.', { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) });
      return send(retry.status, retry.body, retry.headers);
    }
    try {
      const result = await this.routes.route(request, url, authenticated.kind === 'key');
      send(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof WooCommerceInvalidParam) return send(400, { code: 'rest_invalid_param', message: error.message, data: { status: 400, params: { [error.param]: error.message } } });
      send(500, { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } });
    }
  }
}

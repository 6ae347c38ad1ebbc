// A Horoshop API stand-in over real HTTP, for tests and demos: POST /api/<function>/ with a token from `auth`,
// the {status, response} envelope, tokens that expire, a request limit answering 429, orders/get, statuses, updates.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CARTUM_TIME_ZONE, cartumTimeOf } from '../../src/infrastructure/platforms/cartum/cartumTime.js';
import type { CartumOrderRecord } from './cartumOrderRecord.js';
import { CartumOrderStore, type RawCartumOrder } from './cartumOrderStore.js';
import { SlidingWindowLimit } from '../shared/slidingWindowLimit.js';
import { CartumTokens, defaultCartumStatuses, type CartumStatusRecord } from './cartumSimulatorAccount.js';
import { CartumRequestError, selectOrders } from './cartumSimulatorListing.js';
import { closeServer, jsonBody, listenSimulator } from '../shared/simulatorHttp.js';

export interface CartumSimulatorOptions {
  login: string;
  password: string;
  port?: number;
  host?: string;
  /** How long a token from `auth` is accepted (Horoshop: 600 s). */
  tokenTtlMs?: number;
  /** Requests per window over the whole shop; 0 means unlimited. */
  requestsPerMinute?: number;
  windowMs?: number;
  seedOrders?: ReadonlyArray<CartumOrderRecord | RawCartumOrder>;
  /** The most orders one orders/get serves, whatever limit is asked for. */
  maxPageSize?: number;
  /** The shop's main currency (currency/export). */
  currency?: string;
  statuses?: CartumStatusRecord[];
  /** catalog/export rows; by default the distinct articles of the seeded orders. */
  products?: Record<string, unknown>[];
  timeZone?: string;
  now?: () => Date;
  /** Called before each orders/get is answered, e.g. to expire tokens in the middle of an import. */
  onOrdersPage?: (page: { offset: number; served: number }) => void;
}

export interface CartumStatusChange {
  orderId: number;
  from: unknown;
  to: number;
  at: string;
}

export interface CartumRequestRecord {
  fn: string;
  /** The envelope status, or the HTTP status when there was none. */
  status: string;
  at: number;
}

/** One scripted bad answer, served instead of the real one to the next admitted call. */
export interface CartumInjectedFailure {
  httpStatus?: number;
  envelopeStatus?: string;
  message?: string;
}

export interface CartumSimulator {
  /** The shop's domain, e.g. http://127.0.0.1:4010 (the API is under /api/). */
  readonly baseUrl: string;
  readonly port: number;
  readonly orders: CartumOrderStore;
  readonly statuses: CartumStatusRecord[];
  readonly statusChanges: CartumStatusChange[];
  readonly catalogue: Record<string, unknown>[];
  readonly requests: CartumRequestRecord[];
  readonly requestCount: number;
  readonly rateLimitedCount: number;
  /** Successful logins. */
  readonly authCount: number;
  /** Calls refused because their token had expired or was unknown. */
  readonly tokenRefusedCount: number;
  /** Every token issued so far stops working now. */
  expireTokens(): void;
  /** Stores JSON verbatim as an order, however malformed. */
  addRawOrder(json: RawCartumOrder): RawCartumOrder;
  failNext(count: number, failure?: CartumInjectedFailure): void;
  close(): Promise<void>;
}

type Envelope = { status: string; response?: unknown };
const ok = (response: unknown): Envelope => ({ status: 'OK', response });
const error = (message: string): Envelope => ({ status: 'ERROR', response: { message } });

export async function startCartumSimulator(options: CartumSimulatorOptions): Promise<CartumSimulator> {
  const now = options.now ?? (() => new Date());
  const orders = new CartumOrderStore(now, options.timeZone ?? CARTUM_TIME_ZONE);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawCartumOrder);
  const shop: CartumShop = {
    orders,
    statuses: options.statuses ?? defaultCartumStatuses(),
    catalogue: options.products ? [...options.products] : catalogueOf(orders.all()),
    statusChanges: [],
  };
  const api = new CartumApiServer(shop, options, now);
  const { server, port, origin } = await listenSimulator((request, response) => api.answer(request, response), options);

  return {
    baseUrl: origin,
    port,
    orders,
    statuses: shop.statuses,
    statusChanges: shop.statusChanges,
    catalogue: shop.catalogue,
    requests: api.requests,
    get requestCount() {
      return api.requests.length;
    },
    get rateLimitedCount() {
      return api.rateLimited;
    },
    get authCount() {
      return api.authCount;
    },
    get tokenRefusedCount() {
      return api.tokenRefused;
    },
    expireTokens: () => api.tokens.expireAll(),
    addRawOrder: (json) => orders.addRawOrder(json),
    failNext(count, failure = {}) {
      for (let index = 0; index < count; index++) api.injected.push(failure);
    },
    close: () => closeServer(server),
  };
}

/** What the shop holds and records. */
interface CartumShop {
  orders: CartumOrderStore;
  statuses: CartumStatusRecord[];
  catalogue: Record<string, unknown>[];
  statusChanges: CartumStatusChange[];
}

/** The API functions a token opens, each answering a {status, response} envelope. */
function cartumFunctions(shop: CartumShop, options: CartumSimulatorOptions, now: () => Date): Record<string, (body: Record<string, unknown>) => Envelope> {
  const { orders, statuses, catalogue, statusChanges } = shop;
  const zone = options.timeZone ?? CARTUM_TIME_ZONE;
  return {
    'orders/get': (body) => {
      const page = selectOrders(orders.all(), body, options.maxPageSize ?? 100);
      options.onOrdersPage?.({ offset: typeof body.offset === 'number' ? body.offset : 0, served: page.length });
      return page.length === 0 ? { status: 'EMPTY', response: { message: 'Замовлень не знайдено' } } : ok({ orders: page });
    },
    'orders/get_available_statuses': () => ok({ statuses }),
    'orders/update': (body) => {
      if (!Array.isArray(body.orders) || body.orders.length === 0) return error('Parameter orders is required');
      const log = (body.orders as Record<string, unknown>[]).map((change) => {
        const orderId = Number(change?.order_id);
        const order = orders.get(orderId);
        if (!order) return { order_id: change?.order_id, code: 'NOT_FOUND', message: 'Замовлення не знайдено' };
        if (change.status !== undefined) {
          const target = Number(change.status);
          if (!statuses.some((candidate) => candidate.id === target)) return { order_id: orderId, code: 'INVALID_STATUS', message: `Статус ${String(change.status)} не існує` };
          statusChanges.push({ orderId, from: order.stat_status, to: target, at: cartumTimeOf(now(), zone) });
          orders.setStatus(orderId, target);
        }
        if (change.payed === 0 || change.payed === 1) orders.updateOrder(orderId, { payed: change.payed });
        return { order_id: orderId, code: 'OK', message: 'UPDATED' };
      });
      return { status: log.every((entry) => entry.code === 'OK') ? 'OK' : 'WARNING', response: { log } };
    },
    'catalog/export': (body) => {
      const offset = typeof body.offset === 'number' ? body.offset : 0;
      const limit = Math.min(typeof body.limit === 'number' ? body.limit : 500, 500);
      const page = catalogue.slice(offset, offset + limit);
      return page.length === 0 ? { status: 'EMPTY', response: { message: 'Товарів не знайдено' } } : ok({ products: page });
    },
    'currency/export': () => ok({ currencies: [{ id: 1, iso: options.currency ?? 'UAH', rate: 1, main: 1 }] }),
  };
}

/** The shop's /api/: the limit, POST-only JSON, scripted failures, auth and tokens, then the functions. */
class CartumApiServer {
  readonly requests: CartumRequestRecord[] = [];
  readonly injected: CartumInjectedFailure[] = [];
  readonly tokens: CartumTokens;
  rateLimited = 0;
  tokenRefused = 0;
  authCount = 0;
  private readonly rateWindow: SlidingWindowLimit;
  private readonly functions: Record<string, (body: Record<string, unknown>) => Envelope>;

  constructor(
    private readonly shop: CartumShop,
    private readonly options: CartumSimulatorOptions,
    now: () => Date,
  ) {
    this.tokens = new CartumTokens(options.tokenTtlMs ?? 600_000);
    this.rateWindow = new SlidingWindowLimit(options.requestsPerMinute ?? 60, options.windowMs ?? 60_000);
    this.functions = cartumFunctions(shop, options, now);
  }

  async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const fn = (new URL(request.url ?? '/', 'http://simulator.local').pathname.match(/^\/api\/(.+?)\/?$/)?.[1] ?? '').toLowerCase();
    const record: CartumRequestRecord = { fn, status: '', at: arrivedAt };
    this.requests.push(record);
    const send = (httpStatus: number, envelope: Envelope, headers: Record<string, string> = {}) => {
      record.status = envelope.status || String(httpStatus);
      response.writeHead(httpStatus, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(envelope));
    };
    // The admin's order page an imported order links to (a browser's page, not the API: no limit, no token).
    const page = new URL(request.url ?? '/', 'http://simulator.local');
    if (request.method === 'GET' && page.pathname === '/edit/orders/') {
      record.status = '200';
      const search = page.searchParams.get('search') ?? '';
      const found = this.shop.orders.get(Number(search));
      response.writeHead(found ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>Horoshop orders</title><h1>${found ? `Order ${Number(search)}` : 'No order found'}</h1>`);
      return;
    }
    const waitMs = this.rateWindow.admit(this.options.login, arrivedAt);
    if (waitMs > 0) {
      this.rateLimited++;
      await drain(request);
      return send(429, error('Too many requests'), { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) });
    }
    if (request.method !== 'POST') return send(405, error('Only POST is allowed'));
    const body = await jsonBody(request);
    if (body === undefined) return send(200, { status: 'HTTP_ERROR', response: { code: 400, message: 'Payload is not JSON' } });
    const failure = this.injected.shift();
    if (failure) return send(failure.httpStatus ?? 200, { status: failure.envelopeStatus ?? 'EXCEPTION', response: { message: failure.message ?? 'Internal error' } });
    const [status, envelope] = this.call(fn, body, arrivedAt);
    send(status, envelope);
  }

  /** `auth` issues a token; every other function needs a valid one. */
  private call(fn: string, body: Record<string, unknown>, arrivedAt: number): [number, Envelope] {
    if (fn === 'auth') {
      if (body.login !== this.options.login || body.password !== this.options.password) return [200, { status: 'AUTHORIZATION_ERROR', response: { message: 'Невірний логін або пароль' } }];
      this.authCount++;
      return [200, ok({ token: this.tokens.issue(arrivedAt) })];
    }
    const handler = this.functions[fn];
    if (!handler) return [200, { status: 'UNDEFINED_FUNCTION', response: { message: `Function ${fn} is not defined` } }];
    const check = this.tokens.check(body.token, arrivedAt);
    if (check !== 'valid') {
      this.tokenRefused++;
      return [200, { status: 'UNAUTHORIZED', response: { message: check === 'expired' ? 'Token expired' : 'Invalid token' } }];
    }
    try {
      return [200, handler(body)];
    } catch (problem) {
      if (problem instanceof CartumRequestError) return [200, error(problem.message)];
      return [200, { status: 'EXCEPTION', response: { message: 'Internal error' } }];
    }
  }
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request) void _chunk;
}

/** The distinct articles of the orders, as catalog/export lists them. */
function catalogueOf(orders: readonly RawCartumOrder[]): Record<string, unknown>[] {
  const byArticle = new Map<string, Record<string, unknown>>();
  for (const order of orders) {
    for (const line of (order.products as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof line?.article !== 'string' || byArticle.has(line.article)) continue;
      byArticle.set(line.article, {
        article: line.article,
        parent_article: line.parent_article ?? line.article,
        title: { ua: line.title, ru: line.title },
        description: { ua: '', ru: '' },
        price: line.price,
        presence: { ua: 'В наявності' },
        display_in_showcase: 1,
        parent: { id: 1, value: { ua: 'Дім та побут' } },
      });
    }
  }
  return [...byArticle.values()];
}

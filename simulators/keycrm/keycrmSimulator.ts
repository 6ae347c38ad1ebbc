// A KeyCRM OpenAPI stand-in over real HTTP, for tests and demos: auth, per-key limit, pagination, include, status writes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { KeycrmOrderRecord } from './keycrmOrderRecord.js';
import { KeycrmOrderStore, type RawKeycrmOrder } from './keycrmOrderStore.js';
import { SlidingWindowLimit } from '../shared/slidingWindowLimit.js';
import type { KeycrmHostileMode } from './keycrmHostileMode.js';
import {
  defaultKeycrmCategories,
  defaultKeycrmDeliveryServices,
  defaultKeycrmManagers,
  defaultKeycrmSources,
  defaultKeycrmStatuses,
  type KeycrmCategoryRecord,
  type KeycrmSourceRecord,
  type KeycrmStatusRecord,
} from './keycrmSimulatorCatalog.js';
import { catalogueOf } from './keycrmSimulatorProducts.js';
import { KeycrmValidationError } from './keycrmSimulatorListing.js';
import { routeKeycrmRequest, type KeycrmAccount } from './keycrmSimulatorRoutes.js';
import { closeServer, listenSimulator } from '../shared/simulatorHttp.js';

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
  /** The account's product categories (GET /products/categories); a few clothing and home ones by default. */
  categories?: KeycrmCategoryRecord[];
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
  /** The products GET /products lists (their category_id names one of GET /products/categories); edit it to change the catalogue. */
  readonly catalogue: Record<string, unknown>[];
  /** Every product created by POST /products, in order. */
  readonly productsCreated: Record<string, unknown>[];
  readonly requests: KeycrmRequestRecord[];
  readonly requestCount: number;
  readonly rateLimitedCount: number;
  /** The next `count` authenticated, admitted requests get this answer instead. */
  failNext(count: number, failure?: KeycrmInjectedFailure): void;
  /** The account's request limit from now on (0: none). */
  setRequestsPerMinute(limit: number): void;
  close(): Promise<void>;
}

/** The Retry-After header of a 429 and the wait it announces, as seconds or as an HTTP date. */
function retryAfter(format: KeycrmSimulatorOptions['retryAfterFormat'], waitMs: number, at: number): [string, number] {
  if (format === 'http-date') {
    // HTTP dates have whole seconds: round up so the announced moment is never too early.
    const when = Math.ceil((at + waitMs) / 1000) * 1000;
    return [new Date(when).toUTCString(), when - at];
  }
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return [String(seconds), seconds * 1000];
}

/** The account the options describe: seeded orders, default lists, the catalogue of the seeded products. */
function openAccount(options: KeycrmSimulatorOptions): KeycrmAccount {
  const now = options.now ?? (() => new Date());
  const orders = new KeycrmOrderStore(now);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawKeycrmOrder);
  return {
    now,
    orders,
    lists: {
      statuses: options.statuses ?? defaultKeycrmStatuses(),
      deliveryServices: defaultKeycrmDeliveryServices(),
      managers: defaultKeycrmManagers(),
      categories: options.categories ?? defaultKeycrmCategories(),
    },
    sources: options.sources ?? defaultKeycrmSources(options.currency ?? 'UAH'),
    catalogue: options.products ? [...options.products] : catalogueOf(orders.all()),
    productsCreated: [],
    statusChanges: [],
    shippingWrites: [],
    stocks: new Map(),
    stockUpdates: [],
  };
}

/** What stands between a request and the account: the key, the per-key limit, hostile mode and scripted failures. */
interface KeycrmGate {
  readonly options: KeycrmSimulatorOptions;
  readonly account: KeycrmAccount;
  readonly rateWindow: SlidingWindowLimit;
  readonly requests: KeycrmRequestRecord[];
  /** Bad answers queued by failNext(). */
  readonly injected: KeycrmInjectedFailure[];
  admitted: number;
  rateLimited: number;
}

export async function startKeycrmSimulator(options: KeycrmSimulatorOptions): Promise<KeycrmSimulator> {
  const account = openAccount(options);
  const gate: KeycrmGate = {
    options,
    account,
    rateWindow: new SlidingWindowLimit(options.requestsPerMinute ?? 60, options.windowMs ?? 60_000),
    requests: [],
    injected: [],
    admitted: 0,
    rateLimited: 0,
  };
  const { server, port, origin } = await listenSimulator((request, response) => answer(gate, request, response), options);
  return {
    baseUrl: `${origin}/v1`,
    port,
    apiKey: options.apiKey,
    orders: account.orders,
    statuses: account.lists.statuses,
    sources: account.sources,
    statusChanges: account.statusChanges,
    shippingWrites: account.shippingWrites,
    stocks: account.stocks,
    stockUpdates: account.stockUpdates,
    catalogue: account.catalogue,
    productsCreated: account.productsCreated,
    requests: gate.requests,
    get requestCount() {
      return gate.requests.length;
    },
    get rateLimitedCount() {
      return gate.rateLimited;
    },
    failNext(count, failure = {}) {
      for (let index = 0; index < count; index++) gate.injected.push(failure);
    },
    setRequestsPerMinute: (limit) => gate.rateWindow.setLimit(limit),
    close: () => closeServer(server),
  };
}

/** Records the request, lets it through the gate or refuses it as KeyCRM would, and sends the answer. */
async function answer(gate: KeycrmGate, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { options } = gate;
  const arrivedAt = Date.now();
  const url = new URL(request.url ?? '/', 'http://simulator.local');
  const record: KeycrmRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: arrivedAt };
  gate.requests.push(record);
  const route = () => routeKeycrmRequest(gate.account, request, url);
  const send = (status: number, body: unknown, headers: Record<string, string> = {}, raw = false) => {
    record.status = status;
    const text = raw ? String(body) : JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': raw ? 'text/html; charset=utf-8' : 'application/json', ...headers });
    response.end(text);
  };
  const viewPage = /^\/app\/orders\/view\/(\d+)$/.exec(url.pathname);
  if (request.method === 'GET' && viewPage) return send(200, `<!doctype html><title>KeyCRM order ${viewPage[1]}</title><h1>Order ${viewPage[1]}</h1>`, {}, true);
  if (request.headers.authorization !== `Bearer ${options.apiKey}`) return send(401, { message: 'Unauthenticated.' });
  const waitMs = gate.rateWindow.admit(options.apiKey, arrivedAt);
  if (waitMs > 0) {
    gate.rateLimited++;
    const [header, announcedMs] = retryAfter(options.retryAfterFormat, waitMs, arrivedAt);
    record.retryAfterMs = announcedMs;
    return send(429, { message: 'Too Many Attempts.' }, { 'Retry-After': header });
  }
  gate.admitted++;
  const sabotage = options.hostile?.pick();
  if (sabotage) {
    record.status = await options.hostile!.sabotage(sabotage, response, async () => JSON.stringify((await route()).body));
    return;
  }
  const every = options.failureMode?.fail5xxEvery;
  const failure = gate.injected.shift() ?? (every && gate.admitted % every === 0 ? { status: 503 } : undefined);
  if (failure) {
    if (failure.delayMs) await delay(failure.delayMs);
    const status = failure.status ?? 503;
    return failure.body !== undefined ? send(status, failure.body, {}, true) : send(status, { message: 'Service temporarily unavailable.' });
  }
  try {
    const result = await route();
    send(result.status, result.body, result.headers);
  } catch (error) {
    if (error instanceof KeycrmValidationError) return send(422, { message: 'The given data was invalid.', errors: { [error.field]: [error.message] } });
    send(500, { message: 'Server Error' });
  }
}

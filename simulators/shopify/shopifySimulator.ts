// A Shopify shop over real HTTP, for tests and demos: the GraphQL Admin API of one version executed over Shopify's own
// schema, the client-credentials token endpoint with expiring tokens (and a legacy custom app's permanent token), the
// cost-point bucket with THROTTLED and MAX_COST_EXCEEDED, orders, catalogue and stock. Nothing of the REST API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ShopifyAccessTokens, DEFAULT_SCOPES, type ShopifyAppCredentials } from './shopifyAccessTokens.js';
import { ShopifyCatalogueStore, type ShopifyLocationRecord, type ShopifyProductRecord } from './shopifyCatalogueStore.js';
import { ShopifyCostBucket } from './shopifyCostBucket.js';
import { answerGraphql, type GraphqlEndpoint } from './shopifyGraphqlEndpoint.js';
import type { ShopifyOrderRecord } from './shopifyOrderRecord.js';
import { ShopifyOrderStore, type RawShopifyOrder } from './shopifyOrderStore.js';
import { shopRootValue, type ShopifyStatusChange } from './shopifyResolvers.js';
import { SHOPIFY_SCHEMA_VERSION, shopifyAdminSchema } from './shopifySchema.js';
import { closeServer, listenSimulator } from '../shared/simulatorHttp.js';

export const SIMULATED_API_VERSION = SHOPIFY_SCHEMA_VERSION;

export interface ShopifySimulatorOptions {
  /** A legacy custom app's permanent Admin API token. */
  accessToken?: string;
  /** A Dev Dashboard app that gets its tokens with the client credentials grant. */
  app?: ShopifyAppCredentials;
  /** The legacy token's access scopes (default: all the simulator checks, read_all_orders included). */
  scopes?: readonly string[];
  port?: number;
  host?: string;
  seedOrders?: ReadonlyArray<ShopifyOrderRecord | RawShopifyOrder>;
  seedProducts?: readonly ShopifyProductRecord[];
  /** The shop's locations; the first is the primary one. */
  locations?: readonly ShopifyLocationRecord[];
  /** The app's cost bucket on this shop: 2000 points restoring 100 a second unless said otherwise. */
  bucket?: { maximumAvailable: number; restoreRate: number };
  /** No single query may cost more (Shopify: 1000). */
  singleQueryMax?: number;
  now?: () => Date;
  /** The clock of token lifetimes and the cost bucket, ms (default: `now`): a test may run the shop's limits faster. */
  limitsClock?: () => number;
}

export interface ShopifyRequestRecord {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  /** Arrival, ms since the epoch. */
  at: number;
  operationName?: string;
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  refusedFor?: 'THROTTLED' | 'MAX_COST_EXCEEDED';
  /** The bucket as this answer reported it. */
  currentlyAvailable?: number;
}

export interface ShopifySimulator {
  /** The shop, e.g. http://127.0.0.1:4010: what a connection's baseUrl names; the API is under /admin/api/<version>. */
  readonly baseUrl: string;
  readonly port: number;
  readonly apiVersion: string;
  readonly accessToken: string | undefined;
  readonly orders: ShopifyOrderStore;
  readonly catalogue: ShopifyCatalogueStore;
  /** Successful cancel / close / fulfil / mark-as-paid mutations, in order. */
  readonly statusChanges: ShopifyStatusChange[];
  readonly requests: ShopifyRequestRecord[];
  readonly requestCount: number;
  /** Queries refused with THROTTLED. */
  readonly throttledCount: number;
  /** Token requests to /admin/oauth/access_token, granted or refused. */
  readonly tokenRequests: number;
  /** Tokens granted by the client credentials grant. */
  readonly tokensGranted: number;
  /** Changes an order as a merchant would; updated_at moves to now. */
  updateOrder(id: number, patch: Partial<ShopifyOrderRecord> | Record<string, unknown>): RawShopifyOrder;
  /** Every granted token stops working now, as if its lifetime had run out. */
  expireTokens(): void;
  /** The `available` quantity of a SKU's inventory item at a location (the primary one by default). */
  availableOf(sku: string, locationId?: number): number | undefined;
  close(): Promise<void>;
}

const UNAUTHORIZED = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const DEFAULT_LOCATIONS: ShopifyLocationRecord[] = [
  { id: 71_000_000_001, name: 'Warehouse Berlin', isActive: true },
  { id: 71_000_000_002, name: 'Shop Hamburg', isActive: true },
];

export async function startShopifySimulator(options: ShopifySimulatorOptions): Promise<ShopifySimulator> {
  if (options.accessToken === undefined && options.app === undefined) throw new Error('the Shopify simulator needs an accessToken, an app, or both');
  const now = options.now ?? (() => new Date());
  const clock = options.limitsClock ?? (() => now().getTime());
  const orders = new ShopifyOrderStore(now);
  for (const order of options.seedOrders ?? []) orders.addRawOrder(structuredClone(order) as RawShopifyOrder);
  const locations = options.locations ?? DEFAULT_LOCATIONS;
  const catalogue = new ShopifyCatalogueStore(locations, locations[0].id);
  for (const product of options.seedProducts ?? []) catalogue.addProduct(product);
  const tokens = new ShopifyAccessTokens(options.app, options.accessToken, clock);
  const statusChanges: ShopifyStatusChange[] = [];
  const requests: ShopifyRequestRecord[] = [];
  const bucket = new ShopifyCostBucket(options.bucket?.maximumAvailable ?? 2000, options.bucket?.restoreRate ?? 100);
  const endpoint: GraphqlEndpoint = {
    schema: shopifyAdminSchema(),
    bucket,
    singleQueryMax: options.singleQueryMax ?? 1000,
    rootValue: shopRootValue({ orders, catalogue, statusChanges, now }),
  };
  const legacyScopes = new Set<string>(options.scopes ?? [...DEFAULT_SCOPES, 'read_all_orders']);
  const appScopes = new Set<string>(options.app?.scopes ?? [...DEFAULT_SCOPES, 'read_all_orders']);
  const graphqlPath = `/admin/api/${SIMULATED_API_VERSION}/graphql.json`;

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const record: ShopifyRequestRecord = { method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, at: Date.now() };
    requests.push(record);
    const send = (status: number, body: unknown, html = false) => {
      record.status = status;
      response.writeHead(status, { 'Content-Type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' });
      response.end(html ? String(body) : JSON.stringify(body));
    };
    const adminPage = /^\/admin\/orders\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && adminPage) return send(200, `<!doctype html><title>Order ${adminPage[1]}</title><h1>Shopify order ${adminPage[1]}</h1>`, true);
    if (request.method === 'POST' && url.pathname === '/admin/oauth/access_token') {
      const granted = tokens.grant(await formOrJson(request));
      return send(granted.status, granted.body);
    }
    if (request.method !== 'POST' || url.pathname !== graphqlPath) return send(404, { errors: 'Not Found' });
    const token = headerOf(request, 'x-shopify-access-token');
    if (!tokens.accepts(token)) return send(401, UNAUTHORIZED);
    const body = await jsonOf(request);
    const scopes = token === options.accessToken ? legacyScopes : appScopes;
    const outcome = await answerGraphql(endpoint, body, { scopes, warnings: [] }, clock);
    Object.assign(record, {
      operationName: outcome.operationName,
      requestedQueryCost: outcome.requestedQueryCost,
      actualQueryCost: outcome.actualQueryCost,
      refusedFor: outcome.refusedFor,
      currentlyAvailable: ((outcome.body.extensions as { cost?: { throttleStatus?: { currentlyAvailable?: number } } } | undefined)?.cost?.throttleStatus?.currentlyAvailable),
    });
    send(body === undefined ? 400 : 200, body === undefined ? { errors: 'Bad Request: the body is not JSON' } : outcome.body);
  };

  const { server, port, origin } = await listenSimulator(answer, options);

  return {
    baseUrl: origin,
    port,
    apiVersion: SIMULATED_API_VERSION,
    accessToken: options.accessToken,
    orders,
    catalogue,
    statusChanges,
    requests,
    get requestCount() {
      return requests.length;
    },
    get throttledCount() {
      return requests.filter((entry) => entry.refusedFor === 'THROTTLED').length;
    },
    get tokenRequests() {
      return tokens.tokenRequests;
    },
    get tokensGranted() {
      return tokens.granted;
    },
    updateOrder: (id, patch) => orders.updateOrder(id, patch),
    expireTokens: () => tokens.expireAll(),
    availableOf: (sku, locationId = locations[0].id) => {
      const found = catalogue.allVariants().find(({ variant }) => variant.sku === sku);
      return found ? catalogue.quantity(found.variant.inventoryItemId, locationId, 'available') : undefined;
    },
    close: () => closeServer(server),
  };
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function bodyText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) return '';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function jsonOf(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await bodyText(request));
  } catch {
    return undefined;
  }
}

/** The token endpoint takes form fields (as Shopify documents) or JSON (as its Node library sends). */
async function formOrJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await bodyText(request);
  if (/^application\/json/i.test(headerOf(request, 'content-type') ?? '')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

// The KeyCRM anti-corruption adapter: speaks KeyCRM's OpenAPI on one side and the PlatformClient port on the other.
import { createHash } from 'node:crypto';
import {
  PlatformRequestError,
  type FetchedOrder,
  type FetchedProduct,
  type PlatformClient,
  type PlatformStatus,
  type ProductListing,
  type StockLevel,
  type UpdatedWindow,
} from '../../../application/ports/platformClient.js';
import { KeycrmNamedList } from './keycrmAccountLists.js';
import { keycrmHttp, type KeycrmHttp, type KeycrmHttpOptions } from './keycrmHttp.js';
import { mapKeycrmOrder } from './keycrmOrderMapping.js';
import { mapKeycrmProduct } from './keycrmProductMapping.js';
import { eachPage, KEYCRM_PAGE_LIMIT, readPage } from './keycrmPagination.js';
import { KeycrmSourceCurrencies } from './keycrmSourceCurrencies.js';
import { keycrmDeliveryDay } from './keycrmShipping.js';
import { asKeycrm } from './keycrmSpecFields.js';
import { keycrmTimeOf } from './keycrmTime.js';
import { SeenKeys } from '../seenKeys.js';

export interface KeycrmClientOptions extends KeycrmHttpOptions {
  /** Where an order's page lives, e.g. https://acme.keycrm.app/app/orders/view/ (the id is appended). */
  orderUrlBase?: string;
}

/** Everything the port's order needs, in one round trip per page: associations the spec lists for GET /order. */
const ORDER_INCLUDES = 'buyer,products.offer,manager,shipping';
/** A page that shrinks under us more often than this is walked to its end without starting over again. */
const MAX_RESTARTS = 3;

const STOCK_BATCH = 500;

export class KeycrmClient implements PlatformClient {
  readonly platform = 'keycrm' as const;
  private readonly http: KeycrmHttp;
  private readonly sources: KeycrmSourceCurrencies;
  private readonly deliveryServices: KeycrmNamedList;
  private readonly categories: KeycrmNamedList;
  private readonly orderUrlBase: string;

  constructor(options: KeycrmClientOptions) {
    this.http = keycrmHttp(options);
    this.sources = new KeycrmSourceCurrencies(this.http, options.now ?? Date.now);
    this.deliveryServices = new KeycrmNamedList(this.http, '/order/delivery-service', 'deliveryService');
    this.categories = new KeycrmNamedList(this.http, '/products/categories', 'category');
    this.orderUrlBase = options.orderUrlBase ?? `${new URL(options.baseUrl).origin}/app/orders/view/`;
  }

  async *ordersUpdatedBetween(window: UpdatedWindow, options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedOrder[]> {
    const filter = `${keycrmTimeOf(window.from)}, ${keycrmTimeOf(window.to)}`;
    const fetchPage = async (page: number) => {
      const query = { include: ORDER_INCLUDES, limit: KEYCRM_PAGE_LIMIT, page, 'filter[updated_between]': filter, sort: 'id' };
      return readPage(await this.http.get('/order', query, options.signal), page, 'GET /order');
    };
    const seen = new SeenKeys();
    let expectedTotal: number | undefined;
    let restarts = 0;
    for (let page = 1; ; page++) {
      const current = await fetchPage(page);
      const fresh = (await this.mapOrders(current.items, options.signal)).filter(({ key }) => seen.firstTime(key));
      if (fresh.length > 0) yield fresh.map(({ order }) => order);
      // Orders updated during the walk leave the window and shift later pages back: start over, skipping what was seen.
      const shifted = expectedTotal !== undefined && current.total !== undefined && current.total !== expectedTotal;
      expectedTotal = current.total;
      if (shifted && restarts < MAX_RESTARTS) {
        restarts++;
        page = 0;
        continue;
      }
      if (current.items.length === 0 || page >= current.lastPage) return;
    }
  }

  async order(externalId: string): Promise<FetchedOrder | undefined> {
    if (!/^\d{1,15}$/.test(externalId)) return undefined;
    const raw = await this.http.getOptional(`/order/${externalId}`, { include: ORDER_INCLUDES });
    if (raw === undefined) return undefined;
    const [mapped] = await this.mapOrders([raw]);
    return mapped.order;
  }

  async statuses(): Promise<PlatformStatus[]> {
    const statuses: PlatformStatus[] = [];
    const pages = eachPage(async (page) => readPage(await this.http.get('/order/status', { limit: KEYCRM_PAGE_LIMIT, page }), page, 'GET /order/status'));
    for await (const page of pages) {
      for (const raw of page.items) {
        const { id, name, alias } = asKeycrm('status', typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {});
        // A status without an id cannot be mapped; skipping it keeps the rest of the table usable.
        if (typeof id !== 'number' || !Number.isSafeInteger(id)) continue;
        const label = typeof name === 'string' && name.trim() ? name : typeof alias === 'string' && alias ? alias : `status ${id}`;
        statuses.push({ id: String(id), name: label.slice(0, 1000) });
      }
    }
    return statuses;
  }

  async changeOrderStatus(externalId: string, status: string): Promise<void> {
    assertKeycrmId(externalId, 'order');
    if (!/^\d{1,15}$/.test(status)) throw new PlatformRequestError('keycrm', 422, `KeyCRM status id must be a number, got ${JSON.stringify(status.slice(0, 40))} (not sent)`);
    await this.http.put(`/order/${externalId}`, { status_id: Number(status) });
  }

  /** KeyCRM's API creates products (POST /products) but cannot update them: a product it has is kept as it is. */
  async publishProduct(product: ProductListing): Promise<{ externalId: string; outcome: 'created' | 'kept' }> {
    if (product.externalId) return { externalId: product.externalId, outcome: 'kept' };
    const offers = readPage(await this.http.get('/offers', { 'filter[sku]': product.sku, limit: 1, page: 1 }), 1, 'GET /offers');
    const found = typeof offers.items[0] === 'object' && offers.items[0] !== null ? asKeycrm('offer', offers.items[0] as Record<string, unknown>) : undefined;
    if (typeof found?.product_id === 'number') return { externalId: String(found.product_id), outcome: 'kept' };
    const answer = await this.http.post('/products', { name: product.name, description: product.description, sku: product.sku });
    const created = typeof answer === 'object' && answer !== null ? asKeycrm('createdProduct', answer as Record<string, unknown>) : undefined;
    if (typeof created?.id !== 'number') throw new PlatformRequestError('keycrm', 502, `KeyCRM created product ${product.sku} but answered without its id`);
    return { externalId: String(created.id), outcome: 'created' };
  }

  async sendDeliveryInfo(externalId: string, info: { trackingCode: string; shippedOn: string }): Promise<void> {
    assertKeycrmId(externalId, 'order');
    await this.http.put(`/order/${externalId}`, { shipping: { tracking_code: info.trackingCode, shipping_date: info.shippedOn } });
  }

  async deliveredOn(externalId: string): Promise<string | null> {
    assertKeycrmId(externalId, 'order');
    const order = await this.http.getOptional(`/order/${externalId}`, { include: 'shipping' });
    if (order === undefined) throw new PlatformRequestError('keycrm', 404, `KeyCRM has no order ${externalId}`);
    return keycrmDeliveryDay(order);
  }

  /** Products name their category by id (GET /products takes no category include): names come from GET /products/categories. */
  async *products(options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedProduct[]> {
    const categoryName = await this.categories.lookup(options.signal);
    for (let page = 1; ; page++) {
      const query = { limit: KEYCRM_PAGE_LIMIT, page };
      const current = readPage(await this.http.get('/products', query, options.signal), page, 'GET /products');
      if (current.items.length > 0) yield current.items.map((raw) => mapKeycrmProduct(raw, categoryName));
      if (current.items.length === 0 || page >= current.lastPage) return;
    }
  }

  async pushStock(levels: StockLevel[], location: string | null): Promise<void> {
    const warehouse = location ?? '1';
    if (!/^\d{1,15}$/.test(warehouse)) throw new PlatformRequestError('keycrm', 422, `KeyCRM warehouse id must be a number, got ${JSON.stringify(warehouse.slice(0, 40))} (not sent)`);
    // KeyCRM takes up to 10 000 stock rows a request; smaller requests keep one failure small.
    for (let start = 0; start < levels.length; start += STOCK_BATCH) {
      const stocks = levels.slice(start, start + STOCK_BATCH).map(({ sku, quantity }) => ({ sku, quantity }));
      await this.http.put('/offers/stocks', { warehouse_id: Number(warehouse), stocks });
    }
  }

  private async mapOrders(rawOrders: unknown[], signal?: AbortSignal): Promise<Array<{ key: string; order: FetchedOrder }>> {
    const currencyOfSource = await this.sources.lookupFor(rawOrders, signal);
    const deliveryServiceName = await this.deliveryServices.lookup(signal);
    const context = { orderUrl: (id: string) => `${this.orderUrlBase}${id}`, currencyOfSource, deliveryServiceName };
    return rawOrders.map((raw) => {
      const order = mapKeycrmOrder(raw, context);
      // An order without a readable id is still reported once after a restart: its content stands in for the id.
      return { key: order.order.externalId ?? `unidentified:${contentHash(raw)}`, order };
    });
  }
}

function contentHash(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex');
}

function assertKeycrmId(id: string, what: string): void {
  if (!/^\d{1,15}$/.test(id)) throw new PlatformRequestError('keycrm', 404, `KeyCRM ${what} id must be a number, got ${JSON.stringify(id.slice(0, 40))}`);
}

// The Shopify anti-corruption adapter: speaks the REST Admin API on one side and the PlatformClient port on the other.
import {
  PlatformRequestError,
  PlatformUnavailableError,
  type FetchedOrder,
  type PlatformClient,
  type PlatformStatus,
  type UpdatedWindow,
  type WebhookDelivery,
  type WebhookReading,
} from '../../../application/ports/platformClient.js';
import { ShopifyHttp, type ShopifyHttpOptions } from './shopifyHttp.js';
import { mapShopifyOrder } from './shopifyOrderMapping.js';
import { nextPageInfo } from './shopifyPagination.js';
import { SHOPIFY_STATUSES } from './shopifyStatus.js';
import { fulfilOrder } from './shopifyFulfilment.js';
import { readShopifyWebhook } from './shopifyWebhook.js';

export interface ShopifyClientOptions extends ShopifyHttpOptions {
  /** Where an order's admin page lives, e.g. https://acme.myshopify.com/admin/orders/ (the id is appended). */
  orderUrlBase: string;
  webhookSecret?: string;
}

/** The most orders.json serves per page. */
export const SHOPIFY_PAGE_LIMIT = 250;

const ORDER_ID = /^\d{1,16}$/;

/** The statuses a REST call can set: cancel.json, close.json, and fulfillments by fulfillment order. */
const WRITABLE_STATUSES = ['cancelled', 'closed', 'fulfilled'];

export class ShopifyClient implements PlatformClient {
  readonly platform = 'shopify' as const;
  private readonly http: ShopifyHttp;

  constructor(private readonly options: ShopifyClientOptions) {
    this.http = new ShopifyHttp({ ...options, alsoRedact: [...(options.alsoRedact ?? []), options.webhookSecret ?? ''] });
  }

  async *ordersUpdatedBetween(window: UpdatedWindow, options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedOrder[]> {
    // The filters go with the first page only: the cursor carries them, and Shopify refuses them beside page_info.
    let query: Record<string, string | number> = {
      status: 'any',
      updated_at_min: window.from.toISOString(),
      updated_at_max: window.to.toISOString(),
      limit: SHOPIFY_PAGE_LIMIT,
      order: 'id asc',
    };
    const visited = new Set<string>();
    for (;;) {
      const { body, headers } = await this.http.send({ method: 'GET', path: '/orders.json', query, signal: options.signal });
      const orders = ordersOf(body, 'GET /orders.json');
      if (orders.length > 0) yield orders.map((raw) => this.mapOrder(raw));
      // Only the cursor is taken from the Link URL: requests stay on the connection's own shop.
      const pageInfo = nextPageInfo(headers.get('link'));
      if (!pageInfo || orders.length === 0) return;
      if (visited.has(pageInfo)) throw new PlatformUnavailableError('shopify', 'Shopify GET /orders.json sent the same next page twice; the walk was stopped');
      visited.add(pageInfo);
      query = { limit: SHOPIFY_PAGE_LIMIT, page_info: pageInfo };
    }
  }

  async order(externalId: string): Promise<FetchedOrder | undefined> {
    if (!ORDER_ID.test(externalId)) return undefined;
    const body = await this.http.getOptional(`/orders/${externalId}.json`);
    if (body === undefined) return undefined;
    const order = typeof body === 'object' && body !== null ? (body as { order?: unknown }).order : undefined;
    return this.mapOrder(order);
  }

  /** Shopify has no status list: these are the values the adapter derives (see shopifyStatus.ts). */
  async statuses(): Promise<PlatformStatus[]> {
    return SHOPIFY_STATUSES.map((status) => ({ ...status }));
  }

  async changeOrderStatus(externalId: string, status: string): Promise<void> {
    if (!ORDER_ID.test(externalId)) throw new PlatformRequestError('shopify', 404, `Shopify order id must be a number, got ${JSON.stringify(externalId.slice(0, 40))}`);
    if (status === 'cancelled') {
      await this.http.post(`/orders/${externalId}/cancel.json`, {});
    } else if (status === 'closed') {
      await this.http.post(`/orders/${externalId}/close.json`, {});
    } else if (status === 'fulfilled') {
      await fulfilOrder(this.http, externalId);
    } else {
      throw new PlatformRequestError(
        'shopify',
        422,
        `Shopify cannot set the status ${JSON.stringify(status.slice(0, 40))} by API: it derives payment and fulfilment statuses from what happens to the order; only ${WRITABLE_STATUSES.join(', ')} can be written back (not sent)`,
      );
    }
  }

  readWebhook(delivery: WebhookDelivery): WebhookReading {
    return readShopifyWebhook(delivery, this.options.webhookSecret, (raw) => this.mapOrder(raw));
  }

  private mapOrder(raw: unknown): FetchedOrder {
    return mapShopifyOrder(raw, { orderUrl: (id) => `${this.options.orderUrlBase}${id}` });
  }
}

function ordersOf(body: unknown, what: string): unknown[] {
  const orders = typeof body === 'object' && body !== null ? (body as { orders?: unknown }).orders : undefined;
  if (!Array.isArray(orders)) throw new PlatformUnavailableError('shopify', `Shopify ${what} answered without an orders list`);
  return orders;
}

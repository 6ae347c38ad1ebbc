// The Shopify anti-corruption adapter: speaks the GraphQL Admin API on one side and the PlatformClient port on the other.
import {
  PlatformRequestError,
  type FetchedOrder,
  type FetchedProduct,
  type PlatformClient,
  type PlatformStatus,
  type StockLevel,
  type UpdatedWindow,
  type WebhookDelivery,
  type WebhookReading,
} from '../../../application/ports/platformClient.js';
import type { HttpTuning } from '../http/platformHttp.js';
import type { ShopifyTokenSource } from './shopifyAccessToken.js';
import { mapShopifyProduct } from './shopifyCatalogue.js';
import { PRODUCTS } from './shopifyDocuments.js';
import { ShopifyGraphql } from './shopifyGraphql.js';
import type { ShopifyCostBucket } from './shopifyCostBucket.js';
import { mapShopifyOrder } from './shopifyOrderMapping.js';
import { ShopifyOrders } from './shopifyOrders.js';
import { allPages } from './shopifyPaging.js';
import { SHOPIFY_STATUSES } from './shopifyStatus.js';
import { writeShopifyStatus } from './shopifyStatusWrites.js';
import { ShopifyStock } from './shopifyStock.js';
import { readShopifyWebhook } from './shopifyWebhook.js';

export interface ShopifyClientOptions extends HttpTuning {
  /** e.g. https://acme.myshopify.com/admin/api/2026-10 */
  apiBaseUrl: string;
  /** Where an order's admin page lives, e.g. https://acme.myshopify.com/admin/orders/ (the id is appended). */
  orderUrlBase: string;
  tokens: ShopifyTokenSource;
  /** Names the app for its cost bucket: the client id, or the legacy token. */
  app: string;
  /** The client secret (or a legacy app's webhook secret) webhooks are signed with. */
  webhookSecret?: string;
  bucket?: ShopifyCostBucket;
}

const ORDER_ID = /^\d{1,16}$/;

export class ShopifyClient implements PlatformClient {
  readonly platform = 'shopify' as const;
  private readonly graphql: ShopifyGraphql;
  private readonly orders: ShopifyOrders;
  private readonly stock: ShopifyStock;

  constructor(private readonly options: ShopifyClientOptions) {
    this.graphql = new ShopifyGraphql(options);
    this.orders = new ShopifyOrders(this.graphql, this.orderUrl);
    this.stock = new ShopifyStock(this.graphql);
  }

  ordersUpdatedBetween(window: UpdatedWindow, options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedOrder[]> {
    return this.orders.updatedBetween(window, options.signal);
  }

  async order(externalId: string): Promise<FetchedOrder | undefined> {
    return ORDER_ID.test(externalId) ? this.orders.byId(externalId) : undefined;
  }

  /** Shopify has no status list: these are the values the adapter derives (see shopifyStatus.ts). */
  async statuses(): Promise<PlatformStatus[]> {
    return SHOPIFY_STATUSES.map((status) => ({ ...status }));
  }

  async changeOrderStatus(externalId: string, status: string): Promise<void> {
    if (!ORDER_ID.test(externalId)) throw new PlatformRequestError('shopify', 404, `Shopify order id must be a number, got ${JSON.stringify(externalId.slice(0, 40))}`);
    await writeShopifyStatus(this.graphql, externalId, status);
  }

  async *products(options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedProduct[]> {
    for await (const nodes of allPages(this.graphql, PRODUCTS, {}, (data) => data.products, options)) yield nodes.map(mapShopifyProduct);
  }

  async pushStock(levels: StockLevel[], location: string | null): Promise<void> {
    await this.stock.push(levels, location);
  }

  readWebhook(delivery: WebhookDelivery): WebhookReading {
    return readShopifyWebhook(delivery, this.options.webhookSecret, (raw) => mapShopifyOrder(raw, { orderUrl: this.orderUrl }));
  }

  private readonly orderUrl = (id: string): string => `${this.options.orderUrlBase}${id}`;
}

// The WooCommerce anti-corruption adapter: speaks WooCommerce REST v3 on one side and the PlatformClient port on the other.
import { createHash } from 'node:crypto';
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
import { woocommerceGmtOf } from './woocommerceFields.js';
import { WoocommerceHttp, type WoocommerceHttpOptions } from './woocommerceHttp.js';
import { mapWoocommerceOrder } from './woocommerceOrderMapping.js';
import { isLastPage, readPage, WOOCOMMERCE_PAGE_SIZE } from './woocommercePagination.js';
import { mapWoocommerceProduct } from './woocommerceProductMapping.js';
import { WOOCOMMERCE_STATUS_SLUG, WOOCOMMERCE_STATUSES } from './woocommerceStatuses.js';
import { WoocommerceStockTargets } from './woocommerceStockTargets.js';
import { readWoocommerceWebhook } from './woocommerceWebhook.js';
import { SeenKeys } from '../seenKeys.js';

export interface WoocommerceClientOptions extends WoocommerceHttpOptions {
  /** Link to an order's admin page. */
  orderUrl(orderId: string): string;
}

/** A list that shrinks under us more often than this is walked to its end without starting over again. */
const MAX_RESTARTS = 3;
const ORDER_ID = /^\d{1,15}$/;

export class WoocommerceClient implements PlatformClient {
  readonly platform = 'woocommerce' as const;
  private readonly http: WoocommerceHttp;
  private readonly stockTargets: WoocommerceStockTargets;

  constructor(private readonly options: WoocommerceClientOptions) {
    this.http = new WoocommerceHttp(options);
    this.stockTargets = new WoocommerceStockTargets(this.http);
  }

  async *ordersUpdatedBetween(window: UpdatedWindow, options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedOrder[]> {
    // WordPress date queries are exclusive and Woo keeps whole seconds: a second more on each side makes the window inclusive.
    const query = {
      modified_after: woocommerceGmtOf(new Date(window.from.getTime() - 1000)),
      modified_before: woocommerceGmtOf(new Date(Math.ceil(window.to.getTime() / 1000) * 1000 + 1000)),
      dates_are_gmt: 'true',
      per_page: WOOCOMMERCE_PAGE_SIZE,
      orderby: 'id',
      order: 'asc',
    };
    const seen = new SeenKeys();
    let expectedTotal: number | undefined;
    let restarts = 0;
    for (let page = 1; ; page++) {
      const answer = await this.http.send({ method: 'GET', path: '/orders', query: { ...query, page }, signal: options.signal });
      const current = readPage(answer, page, 'GET /orders');
      const fresh = current.items.map((raw) => ({ key: keyOf(raw), raw })).filter(({ key }) => seen.firstTime(key));
      if (fresh.length > 0) yield fresh.map(({ raw }) => this.mapOrder(raw));
      // An order edited during the walk leaves the window and shifts later pages back: start over, skipping what was seen.
      const shifted = expectedTotal !== undefined && current.total !== undefined && current.total !== expectedTotal;
      expectedTotal = current.total;
      if (shifted && restarts < MAX_RESTARTS) {
        restarts++;
        page = 0;
        continue;
      }
      if (isLastPage(current, page)) return;
    }
  }

  async order(externalId: string): Promise<FetchedOrder | undefined> {
    if (!ORDER_ID.test(externalId)) return undefined;
    const raw = await this.http.getOptional(`/orders/${externalId}`, {});
    return raw === undefined ? undefined : this.mapOrder(raw);
  }

  async statuses(): Promise<PlatformStatus[]> {
    return WOOCOMMERCE_STATUSES.map((status) => ({ ...status }));
  }

  async changeOrderStatus(externalId: string, status: string): Promise<void> {
    if (!ORDER_ID.test(externalId)) throw new PlatformRequestError('woocommerce', 404, `WooCommerce order id must be a number, got ${JSON.stringify(externalId.slice(0, 40))}`);
    if (!WOOCOMMERCE_STATUS_SLUG.test(status)) {
      throw new PlatformRequestError('woocommerce', 422, `WooCommerce status must be a slug like "completed", got ${JSON.stringify(status.slice(0, 40))} (not sent)`);
    }
    await this.http.put(`/orders/${externalId}`, { status });
  }

  async *products(options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedProduct[]> {
    for (let page = 1; ; page++) {
      const query = { per_page: WOOCOMMERCE_PAGE_SIZE, page, orderby: 'id', order: 'asc' };
      const current = readPage(await this.http.send({ method: 'GET', path: '/products', query, signal: options.signal }), page, 'GET /products');
      if (current.items.length > 0) yield current.items.map(mapWoocommerceProduct);
      if (isLastPage(current, page)) return;
    }
  }

  /** WooCommerce has one stock per product, so `location` has nothing to choose; SKUs the shop does not have are skipped. */
  async pushStock(levels: StockLevel[], _location: string | null): Promise<void> {
    const targets = await this.stockTargets.find(levels.map((level) => level.sku));
    for (const { sku, quantity } of levels) {
      const target = targets.get(sku);
      if (!target) continue;
      const path = target.parentId ? `/products/${target.parentId}/variations/${target.id}` : `/products/${target.id}`;
      await this.http.put(path, { stock_quantity: quantity, manage_stock: true });
    }
  }

  readWebhook(delivery: WebhookDelivery): WebhookReading {
    return readWoocommerceWebhook(delivery, this.options.webhookSecret, (raw) => this.mapOrder(raw));
  }

  private mapOrder(raw: unknown): FetchedOrder {
    return mapWoocommerceOrder(raw, { orderUrl: this.options.orderUrl });
  }
}

/** An order without a readable id is still reported once after a restart: its content stands in for the id. */
function keyOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? `id:${id}` : `content:${createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex')}`;
}

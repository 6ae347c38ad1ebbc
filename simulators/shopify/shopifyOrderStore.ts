// The simulator's orders: a mutable in-memory store whose helpers change orders the way Shopify does.
import { offsetOf, shopifyTime, type ShopifyOrderRecord } from './shopifyOrderRecord.js';

/** An order as stored: usually a well-formed record, but tests may store anything (malformed payloads). */
export type RawShopifyOrder = Record<string, unknown> & { id?: unknown; updated_at?: unknown };

/** Orders that can still be marked as paid: an outstanding balance paid by a manual method. */
export const MARKABLE_AS_PAID: ReadonlySet<unknown> = new Set(['pending', 'partially_paid']);

/** Why a status call is refused, in Shopify's words. */
export class ShopifyRefusal extends Error {}

export class ShopifyOrderStore {
  private readonly orders = new Map<unknown, RawShopifyOrder>();

  constructor(private readonly now: () => Date) {}

  addOrder(order: ShopifyOrderRecord): void {
    this.orders.set(order.id, order as unknown as RawShopifyOrder);
  }

  /** Any JSON, even one Shopify would never send; it is listed when its updated_at falls in the window. */
  addRawOrder(order: RawShopifyOrder): void {
    this.orders.set(order.id ?? `raw-${this.orders.size}`, order);
  }

  all(): RawShopifyOrder[] {
    return [...this.orders.values()];
  }

  get(id: number): RawShopifyOrder | undefined {
    return this.orders.get(id);
  }

  /** Changes fields as a merchant would in the admin; updated_at moves to now. */
  updateOrder(id: number, patch: Partial<ShopifyOrderRecord> | Record<string, unknown>): RawShopifyOrder {
    const order = this.require(id);
    Object.assign(order, structuredClone(patch));
    this.touch(order);
    return order;
  }

  cancel(id: number): RawShopifyOrder {
    const order = this.require(id);
    if (order.cancelled_at) throw new ShopifyRefusal('Order has already been cancelled');
    if (order.fulfillment_status === 'fulfilled') throw new ShopifyRefusal('Cannot cancel an order that has been fulfilled');
    order.cancelled_at = this.stamp(order);
    order.cancel_reason = 'other';
    if (order.financial_status === 'pending' || order.financial_status === 'authorized') order.financial_status = 'voided';
    this.touch(order);
    return order;
  }

  close(id: number): RawShopifyOrder {
    const order = this.require(id);
    if (!order.closed_at) order.closed_at = this.stamp(order);
    this.touch(order);
    return order;
  }

  /** Records the outstanding balance as paid (orderMarkAsPaid). */
  markPaid(id: number): RawShopifyOrder {
    const order = this.require(id);
    if (order.cancelled_at || !MARKABLE_AS_PAID.has(order.financial_status)) throw new ShopifyRefusal('Order cannot be marked as paid.');
    order.financial_status = 'paid';
    this.touch(order);
    return order;
  }

  /** Fulfils every remaining unit, as fulfillmentCreate does for a whole fulfillment order. */
  fulfil(id: number): { id: number; status: string; created_at: string } {
    const order = this.require(id);
    if (order.cancelled_at || order.fulfillment_status === 'fulfilled') throw new ShopifyRefusal('The fulfillment order is not in a fulfillable state');
    for (const line of (order.line_items as Record<string, unknown>[] | undefined) ?? []) Object.assign(line, { fulfillment_status: 'fulfilled', fulfillable_quantity: 0 });
    order.fulfillment_status = 'fulfilled';
    const fulfillment = { id: 6_000_000_000 + id % 1_000_000_000, status: 'success', created_at: this.stamp(order) };
    order.fulfillments = [...((order.fulfillments as unknown[] | undefined) ?? []), fulfillment];
    this.touch(order);
    return fulfillment;
  }

  private require(id: number): RawShopifyOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`the simulator has no order ${id}`);
    return order;
  }

  private stamp(order: RawShopifyOrder): string {
    return shopifyTime(this.now(), typeof order.created_at === 'string' ? offsetOf(order.created_at) : 0);
  }

  private touch(order: RawShopifyOrder): void {
    // updated_at has whole seconds: a change within the same second as the last one still moves it forward.
    const previous = typeof order.updated_at === 'string' ? Date.parse(order.updated_at) : NaN;
    const next = Math.max(this.now().getTime(), Number.isNaN(previous) ? 0 : previous + 1000);
    order.updated_at = shopifyTime(new Date(next), typeof order.created_at === 'string' ? offsetOf(order.created_at) : 0);
  }
}

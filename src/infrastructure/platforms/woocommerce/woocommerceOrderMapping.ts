// WooCommerce REST v3 order JSON → the port's PlatformOrder; anything unreadable becomes a malformed order with the
// offending field named, so one bad order never blocks the rest of its page.
import type { FetchedOrder, PlatformOrder } from '../../../application/ports/platformClient.js';
import { describe, MalformedFieldError, MAX_COMMENT_LENGTH, optionalText, requireDecimalMoney, requireText, type Json } from '../payload/payloadFields.js';
import { requireGmtTime } from './woocommerceFields.js';
import { readBuyer, readCoupons, readDelivery, readFees, readItems } from './woocommerceOrderLines.js';
import { WOOCOMMERCE_STATUS_SLUG } from './woocommerceStatuses.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';

export interface WoocommerceMappingContext {
  /** Link to the order's page in the site's admin. */
  orderUrl(orderId: string): string;
}

export function mapWoocommerceOrder(raw: unknown, context: WoocommerceMappingContext): FetchedOrder {
  return fetchedOrderOf(raw, 'WooCommerce', (order, externalId) => readOrder(order, externalId, context));
}

function readOrder(order: Json, externalId: string, context: WoocommerceMappingContext): PlatformOrder {
  const status = requireText(order.status, 'status');
  if (!WOOCOMMERCE_STATUS_SLUG.test(status)) throw new MalformedFieldError('status', `must be a status slug like "processing", got ${describe(status)}`);
  const currency = requireText(order.currency, 'currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new MalformedFieldError('currency', `must be a three-letter currency code, got ${describe(currency)}`);
  const buyer = readBuyer(order);
  const fees = readFees(order, currency);
  // Optional parts the order came without, for its feed.
  const missing: string[] = [];
  const mapped: PlatformOrder = {
    externalId,
    number: optionalText(order.number, 'number')?.trim() || externalId,
    platformUrl: context.orderUrl(externalId),
    createdAt: requireGmtTime(order.date_created_gmt, 'date_created_gmt'),
    updatedAt: requireGmtTime(order.date_modified_gmt, 'date_modified_gmt'),
    status,
    currency,
    items: [...readItems(order, currency), ...fees.lines],
    discounts: [...readCoupons(order, currency, missing), ...fees.discounts],
    total: requireDecimalMoney(order.total, 'total', currency),
  };
  if (buyer) mapped.buyer = buyer;
  if (missing.length > 0) mapped.missing = missing;
  const delivery = readDelivery(order, buyer, currency);
  if (delivery) mapped.delivery = delivery;
  const comment = optionalText(order.customer_note, 'customer_note', MAX_COMMENT_LENGTH)?.trim();
  if (comment) mapped.comment = comment;
  const payment = paymentStatusOf(order, status);
  if (payment) mapped.paymentStatus = payment;
  return mapped;
}

/** date_paid is set when a gateway confirms payment (or on completion); without it only unpaid statuses are sure. */
function paymentStatusOf(order: Json, status: string): PlatformOrder['paymentStatus'] {
  const paidAt = optionalText(order.date_paid_gmt ?? order.date_paid, 'date_paid');
  if (paidAt) return 'paid';
  if (['pending', 'on-hold', 'failed', 'cancelled'].includes(status)) return 'unpaid';
  return undefined;
}

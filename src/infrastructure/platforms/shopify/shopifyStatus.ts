// Shopify has no single order status: synchub derives one from cancelled_at, closed_at, fulfillment_status and
// financial_status, first match wins. These derived values are what status map entries name on the platform side.
import type { PlatformOrder, PlatformStatus } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, optionalText, type Json } from '../payload/payloadFields.js';

/** Every status the adapter derives, in the order the rules are tried. */
export const SHOPIFY_STATUSES: readonly PlatformStatus[] = [
  { id: 'cancelled', name: 'Cancelled (cancelled_at is set)' },
  { id: 'closed', name: 'Archived (closed_at is set)' },
  { id: 'fulfilled', name: 'Fulfilled (fulfillment_status fulfilled)' },
  { id: 'partially_fulfilled', name: 'Partially fulfilled (fulfillment_status partial)' },
  { id: 'pending', name: 'Payment pending (financial_status pending, or none)' },
  { id: 'authorized', name: 'Payment authorized (financial_status authorized)' },
  { id: 'partially_paid', name: 'Partially paid (financial_status partially_paid)' },
  { id: 'paid', name: 'Paid (financial_status paid)' },
  { id: 'partially_refunded', name: 'Partially refunded (financial_status partially_refunded)' },
  { id: 'refunded', name: 'Refunded (financial_status refunded)' },
  { id: 'voided', name: 'Voided (financial_status voided)' },
];

const FULFILLMENT_STATUS: Record<string, string> = { fulfilled: 'fulfilled', partial: 'partially_fulfilled' };

/** A financial status Shopify adds later still names a status: unmapped ones are created locally and reported. */
const STATUS_TOKEN = /^[a-z][a-z_]{0,40}$/;

const PAYMENT_STATUS: Record<string, PlatformOrder['paymentStatus']> = {
  paid: 'paid',
  partially_refunded: 'paid',
  partially_paid: 'partly_paid',
  pending: 'unpaid',
  authorized: 'unpaid',
  refunded: 'unpaid',
  voided: 'unpaid',
};

export function shopifyStatusOf(order: Json): string {
  if (optionalText(order.cancelled_at, 'cancelled_at')) return 'cancelled';
  if (optionalText(order.closed_at, 'closed_at')) return 'closed';
  const fulfilled = FULFILLMENT_STATUS[optionalText(order.fulfillment_status, 'fulfillment_status') ?? ''];
  if (fulfilled) return fulfilled;
  return financialStatusOf(order) ?? 'pending';
}

/** Whether the buyer has paid, from financial_status; undefined when Shopify does not say. */
export function shopifyPaymentStatusOf(order: Json): PlatformOrder['paymentStatus'] {
  const financial = financialStatusOf(order);
  return financial === undefined ? undefined : PAYMENT_STATUS[financial];
}

function financialStatusOf(order: Json): string | undefined {
  const financial = optionalText(order.financial_status, 'financial_status')?.trim().toLowerCase();
  if (!financial) return undefined;
  if (!STATUS_TOKEN.test(financial)) throw new MalformedFieldError('financial_status', `is not a Shopify financial status: ${JSON.stringify(financial.slice(0, 40))}`);
  return financial;
}

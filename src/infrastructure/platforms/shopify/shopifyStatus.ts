// Shopify has no single order status: synchub derives one from whether the order is cancelled or closed (archived),
// its fulfilment and its financial status, first match wins. These derived values are what status map entries name on
// the platform side, whether the order came from the GraphQL API (CANCELLED…, PAID…) or a webhook (cancelled_at…, paid…).
import type { PlatformOrder, PlatformStatus } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, optionalText, type Json } from '../payload/payloadFields.js';

/** Every status the adapter derives, in the order the rules are tried. */
export const SHOPIFY_STATUSES: readonly PlatformStatus[] = [
  { id: 'cancelled', name: 'Cancelled (cancelledAt is set)' },
  { id: 'closed', name: 'Archived (closedAt is set)' },
  { id: 'fulfilled', name: 'Fulfilled (fulfilment status FULFILLED)' },
  { id: 'partially_fulfilled', name: 'Partially fulfilled (fulfilment status PARTIALLY_FULFILLED)' },
  { id: 'pending', name: 'Payment pending (financial status PENDING, or none)' },
  { id: 'authorized', name: 'Payment authorized (financial status AUTHORIZED)' },
  { id: 'partially_paid', name: 'Partially paid (financial status PARTIALLY_PAID)' },
  { id: 'paid', name: 'Paid (financial status PAID)' },
  { id: 'partially_refunded', name: 'Partially refunded (financial status PARTIALLY_REFUNDED)' },
  { id: 'refunded', name: 'Refunded (financial status REFUNDED)' },
  { id: 'voided', name: 'Voided (financial status VOIDED)' },
];

/** The facts a status is derived from, read by either mapping. */
export interface StatusFacts {
  cancelled: boolean;
  closed: boolean;
  /** 'fulfilled', 'partially_fulfilled' or anything else (unfulfilled, restocked…). */
  fulfilment: string | undefined;
  /** The financial status as a lower-case word (paid, partially_refunded…), undefined when Shopify gives none. */
  financial: string | undefined;
}

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
  expired: 'unpaid',
};

export function derivedStatus(facts: StatusFacts): string {
  if (facts.cancelled) return 'cancelled';
  if (facts.closed) return 'closed';
  if (facts.fulfilment === 'fulfilled' || facts.fulfilment === 'partially_fulfilled') return facts.fulfilment;
  return facts.financial ?? 'pending';
}

/** Whether the buyer has paid; undefined when Shopify does not say. */
export function paymentStatusOf(facts: StatusFacts): PlatformOrder['paymentStatus'] {
  return facts.financial === undefined ? undefined : PAYMENT_STATUS[facts.financial];
}

/** A financial status as the word synchub keeps ("PARTIALLY_PAID" and "partially_paid" alike); undefined when absent. */
export function financialWord(value: unknown, field: string): string | undefined {
  const financial = optionalText(value, field)?.trim().toLowerCase();
  if (!financial) return undefined;
  if (!STATUS_TOKEN.test(financial)) throw new MalformedFieldError(field, `is not a Shopify financial status: ${JSON.stringify(financial.slice(0, 40))}`);
  return financial;
}

const WEBHOOK_FULFILMENT: Record<string, string> = { fulfilled: 'fulfilled', partial: 'partially_fulfilled' };

/** The facts of an order as webhooks send it (the REST resource's fields). */
export function webhookStatusFacts(order: Json): StatusFacts {
  return {
    cancelled: Boolean(optionalText(order.cancelled_at, 'cancelled_at')),
    closed: Boolean(optionalText(order.closed_at, 'closed_at')),
    fulfilment: WEBHOOK_FULFILMENT[optionalText(order.fulfillment_status, 'fulfillment_status') ?? ''],
    financial: financialWord(order.financial_status, 'financial_status'),
  };
}

/** The facts of a GraphQL Order node. */
export function nodeStatusFacts(order: Json): StatusFacts {
  const fulfilment = optionalText(order.displayFulfillmentStatus, 'displayFulfillmentStatus')?.trim().toLowerCase();
  return {
    cancelled: Boolean(optionalText(order.cancelledAt, 'cancelledAt')),
    closed: Boolean(optionalText(order.closedAt, 'closedAt')),
    fulfilment,
    financial: financialWord(order.displayFinancialStatus, 'displayFinancialStatus'),
  };
}

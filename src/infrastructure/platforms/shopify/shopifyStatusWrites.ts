// Writing a derived status back where Shopify's API can: cancel (orderCancel), archive (orderClose), mark as paid
// (orderMarkAsPaid, when the order has a balance to pay) and fulfil (fulfillmentCreate, one call per open fulfillment
// order, as each may sit at another location). The other derived statuses follow from payments and refunds only.
import { PlatformRequestError } from '../../../application/ports/platformClient.js';
import { CANCEL_ORDER, CLOSE_ORDER, FULFIL, FULFILLMENT_ORDERS, MARK_ORDER_PAID, type ShopifyDocument } from './shopifyDocuments.js';
import type { ShopifyGraphql } from './shopifyGraphql.js';
import { messageOf } from './shopifyErrorMessage.js';
import { orderGid } from './shopifyOrders.js';

export const WRITABLE_STATUSES = ['cancelled', 'closed', 'fulfilled', 'paid'] as const;

type Json = Record<string, unknown>;

export async function writeShopifyStatus(graphql: ShopifyGraphql, externalId: string, status: string): Promise<void> {
  const id = orderGid(externalId);
  if (status === 'cancelled') return mutate(graphql, CANCEL_ORDER, { id }, 'orderCancel', 'orderCancelUserErrors', externalId);
  if (status === 'closed') return mutate(graphql, CLOSE_ORDER, { id }, 'orderClose', 'userErrors', externalId);
  if (status === 'paid') return mutate(graphql, MARK_ORDER_PAID, { id }, 'orderMarkAsPaid', 'userErrors', externalId);
  if (status === 'fulfilled') return fulfil(graphql, externalId);
  throw new PlatformRequestError(
    'shopify',
    422,
    `Shopify cannot set the status ${JSON.stringify(status.slice(0, 40))} by API: it derives refund and fulfilment statuses from what happens to the order; only ${WRITABLE_STATUSES.join(', ')} can be written back (not sent)`,
  );
}

async function fulfil(graphql: ShopifyGraphql, externalId: string): Promise<void> {
  const data = await graphql.run(FULFILLMENT_ORDERS, { id: orderGid(externalId), first: 20 });
  const order = data.order as { fulfillmentOrders?: { nodes?: Json[] } } | null;
  if (!order) throw new PlatformRequestError('shopify', 404, `Shopify has no order ${externalId}`);
  const open = (order.fulfillmentOrders?.nodes ?? []).filter(
    (candidate) =>
      typeof candidate.id === 'string' &&
      Array.isArray(candidate.supportedActions) &&
      candidate.supportedActions.some((supported) => (supported as Json)?.action === 'CREATE_FULFILLMENT'),
  );
  if (open.length === 0) throw new PlatformRequestError('shopify', 422, `Shopify order ${externalId} has nothing left to fulfil (no fulfillment order allows CREATE_FULFILLMENT)`);
  for (const fulfillmentOrder of open) {
    const fulfillment = { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }], notifyCustomer: false };
    await mutate(graphql, FULFIL, { fulfillment }, 'fulfillmentCreate', 'userErrors', externalId);
  }
}

/** Runs a mutation; the errors it lists in its payload are Shopify refusing the change, said in its words. */
async function mutate(graphql: ShopifyGraphql, document: ShopifyDocument, variables: Json, field: string, errorsField: string, externalId: string): Promise<void> {
  const data = await graphql.run(document, variables);
  const payload = data[field] as Json | null | undefined;
  const errors = Array.isArray(payload?.[errorsField]) ? (payload![errorsField] as unknown[]) : [];
  if (errors.length === 0 && payload) return;
  const said = errors.map(messageOf).filter(Boolean).join('; ').slice(0, 300) || 'no answer';
  const notFound = errors.some((error) => (error as Json)?.code === 'NOT_FOUND');
  throw new PlatformRequestError('shopify', notFound ? 404 : 422, `Shopify refused ${document.name} for order ${externalId}: ${said}`);
}

// Fulfilling by REST goes through fulfillment orders (the old POST /orders/{id}/fulfillments.json is gone since
// 2023-01): every fulfillment order that still allows it is fulfilled in full, without notifying the buyer.
import { PlatformRequestError } from '../../../application/ports/platformClient.js';
import type { ShopifyHttp } from './shopifyHttp.js';

interface FulfillmentOrder {
  id: number;
  status?: string;
  supported_actions?: string[];
}

export async function fulfilOrder(http: ShopifyHttp, orderId: string): Promise<void> {
  const body = await http.get(`/orders/${orderId}/fulfillment_orders.json`);
  const listed = typeof body === 'object' && body !== null ? (body as { fulfillment_orders?: unknown }).fulfillment_orders : undefined;
  const open = (Array.isArray(listed) ? (listed as FulfillmentOrder[]) : []).filter(
    (candidate) => typeof candidate?.id === 'number' && (candidate.supported_actions ?? []).includes('create_fulfillment'),
  );
  if (open.length === 0) {
    throw new PlatformRequestError('shopify', 422, `Shopify order ${orderId} has nothing left to fulfil (no fulfillment order allows create_fulfillment)`);
  }
  await http.post('/fulfillments.json', {
    fulfillment: { line_items_by_fulfillment_order: open.map(({ id }) => ({ fulfillment_order_id: id })), notify_customer: false },
  });
}

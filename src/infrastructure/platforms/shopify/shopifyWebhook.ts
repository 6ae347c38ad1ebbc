// Shopify webhooks: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body keyed with the app's client secret
// (a legacy custom app: its webhook secret). The body is the order's JSON as webhooks carry it, whatever API the app uses;
// X-Shopify-Topic says what happened and X-Shopify-Webhook-Id names the delivery (a retry carries the same id).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError, type FetchedOrder, type WebhookDelivery, type WebhookReading } from '../../../application/ports/platformClient.js';

/** Topics whose body is an order. */
export const SHOPIFY_ORDER_TOPICS: ReadonlySet<string> = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled']);

export function shopifySignatureOf(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Verifies the signature in constant time, then reads the order (or says why nothing is imported). */
export function readShopifyWebhook(delivery: WebhookDelivery, secret: string | undefined, mapOrder: (raw: unknown) => FetchedOrder): WebhookReading {
  if (!secret) throw new WebhookSignatureError('this Shopify integration has no webhookSecret (nor a clientSecret): its webhooks cannot be verified');
  const signature = delivery.headers['x-shopify-hmac-sha256']?.trim();
  if (!signature) throw new WebhookSignatureError('the Shopify webhook has no X-Shopify-Hmac-Sha256 signature');
  const expected = Buffer.from(shopifySignatureOf(delivery.rawBody, secret), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a different length is a mismatch and says nothing about the secret.
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new WebhookSignatureError('the Shopify webhook signature does not match its body');
  }
  const deliveryId = delivery.headers['x-shopify-webhook-id']?.trim() || delivery.headers['x-shopify-event-id']?.trim() || undefined;
  const topic = delivery.headers['x-shopify-topic']?.trim().toLowerCase() ?? '';
  if (!SHOPIFY_ORDER_TOPICS.has(topic)) {
    return { kind: 'ignored', deliveryId, reason: topic ? `Shopify topic ${topic.slice(0, 60)} carries no order to import` : 'the Shopify webhook names no topic' };
  }
  // Without an id header a redelivery still carries the same bytes: their hash stands in for the id.
  const orderDeliveryId = deliveryId ?? `body-sha256:${createHash('sha256').update(delivery.rawBody).digest('hex')}`;
  let body: unknown;
  try {
    body = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    return { kind: 'order', deliveryId: orderDeliveryId, order: { kind: 'malformed', order: { externalId: undefined, reason: `Shopify ${topic} webhook body is not JSON` } } };
  }
  return { kind: 'order', deliveryId: orderDeliveryId, order: mapOrder(body) };
}

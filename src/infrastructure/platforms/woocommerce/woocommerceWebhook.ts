// WooCommerce webhooks: X-WC-Webhook-Signature is base64(HMAC-SHA256(raw body, secret)); topics name resource.event.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError, type FetchedOrder, type WebhookDelivery, type WebhookReading } from '../../../application/ports/platformClient.js';

const ORDER_TOPICS = new Set(['order.created', 'order.updated']);
/** WooCommerce pings a new webhook's URL with this form body, unsigned, and saves the webhook only if it gets a 200. */
const PING_BODY = /^webhook_id=\d{1,20}$/;

export function woocommerceSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function readWoocommerceWebhook(
  delivery: WebhookDelivery,
  webhookSecret: string | undefined,
  mapOrder: (raw: unknown) => FetchedOrder,
): WebhookReading {
  const header = (name: string) => delivery.headers[name]?.trim() || undefined;
  const deliveryId = header('x-wc-webhook-delivery-id');
  const signature = header('x-wc-webhook-signature');
  // The ping carries nothing to store, so acknowledging it unsigned is harmless and lets the shop activate the webhook.
  if (signature === undefined && PING_BODY.test(delivery.rawBody.toString('utf8').trim())) {
    return { kind: 'ignored', deliveryId, reason: 'WooCommerce webhook ping' };
  }
  if (!webhookSecret) throw new WebhookSignatureError('the WooCommerce integration has no webhookSecret, so no delivery can be verified');
  if (signature === undefined) throw new WebhookSignatureError('the delivery has no X-WC-Webhook-Signature header');
  const expected = Buffer.from(woocommerceSignature(delivery.rawBody, webhookSecret), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time the same either way.
  const matches = given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
  if (!matches) throw new WebhookSignatureError('the X-WC-Webhook-Signature does not match the body signed with the webhook secret');

  const topic = header('x-wc-webhook-topic');
  if (!topic || !ORDER_TOPICS.has(topic)) return { kind: 'ignored', deliveryId, reason: `WooCommerce topic ${topic ?? '(none)'} carries no order to import` };
  // Without a delivery id, the body's hash still makes a redelivery of the same body recognisable.
  const id = deliveryId ?? `sha256:${createHash('sha256').update(delivery.rawBody).digest('hex')}`;
  let body: unknown;
  try {
    body = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    return { kind: 'order', deliveryId: id, order: { kind: 'malformed', order: { externalId: undefined, reason: `WooCommerce ${topic} delivery is not JSON` } } };
  }
  return { kind: 'order', deliveryId: id, order: mapOrder(body) };
}

// What WooCommerce puts on the wire when a webhook fires: PHP-encoded JSON, signed, with its X-WC-Webhook-* headers.
import { createHmac } from 'node:crypto';
import type { RawWooCommerceOrder } from './wooCommerceOrderStore.js';
import type { WooCommerceOrderRecord } from './wooCommerceOrderRecord.js';

export interface SignedDeliveryOptions {
  secret: string;
  /** order.created, order.updated, product.updated… */
  topic?: string;
  deliveryId?: string | number;
  webhookId?: number;
  /** The site's home URL, sent as X-WC-Webhook-Source. */
  source?: string;
}

/** Header names as WooCommerce sends them (HTTP does not care about case; node lower-cases them on arrival). */
export interface SignedWooCommerceDelivery {
  headers: Record<string, string>;
  rawBody: Buffer;
}

/** wp_json_encode escapes "/" and writes non-ASCII as \uXXXX: the signed bytes differ from JSON.stringify's. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function signedDelivery(order: WooCommerceOrderRecord | RawWooCommerceOrder, options: SignedDeliveryOptions): SignedWooCommerceDelivery {
  const topic = options.topic ?? 'order.updated';
  const [resource, event] = topic.split('.');
  const rawBody = Buffer.from(phpJsonEncode(order), 'utf8');
  return {
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'WooCommerce/8.9.3 Hookshot (WordPress/6.5.4)',
      'X-WC-Webhook-Source': options.source ?? 'https://shop.example.com/',
      'X-WC-Webhook-Topic': topic,
      'X-WC-Webhook-Resource': resource ?? topic,
      'X-WC-Webhook-Event': event ?? '',
      'X-WC-Webhook-Signature': createHmac('sha256', options.secret).update(rawBody).digest('base64'),
      'X-WC-Webhook-ID': String(options.webhookId ?? 1),
      'X-WC-Webhook-Delivery-ID': String(options.deliveryId ?? 1),
    },
    rawBody,
  };
}

/** The ping WooCommerce sends when a webhook is saved: a form body, no signature, and it wants a 200 back. */
export function pingDelivery(webhookId = 1): SignedWooCommerceDelivery {
  return {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'WooCommerce/8.9.3 Hookshot (WordPress/6.5.4)' },
    rawBody: Buffer.from(`webhook_id=${webhookId}`, 'utf8'),
  };
}

/** The same headers with lower-cased names, as a server hands them to the port's WebhookDelivery. */
export function lowerCasedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

// Webhooks as Shopify sends them: the order JSON as the body, signed with the app's webhook secret.
import { randomUUID } from 'node:crypto';
import type { WebhookDelivery } from '../../src/application/ports/platformClient.js';
import { shopifySignatureOf } from '../../src/infrastructure/platforms/shopify/shopifyWebhook.js';
import { SIMULATED_API_VERSION } from './shopifySimulator.js';

export interface ShopifyDeliveryOptions {
  secret: string;
  /** e.g. orders/create, orders/updated, orders/paid, orders/cancelled, orders/fulfilled */
  topic?: string;
  /** The same id on every retry of one delivery. */
  webhookId?: string;
  shopDomain?: string;
}

/** The headers (lower-cased names) and the exact body bytes Shopify would POST for this order. */
export function signedDelivery(order: unknown, options: ShopifyDeliveryOptions): WebhookDelivery {
  const rawBody = Buffer.from(JSON.stringify(order), 'utf8');
  return {
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic ?? 'orders/updated',
      'x-shopify-hmac-sha256': shopifySignatureOf(rawBody, options.secret),
      'x-shopify-shop-domain': options.shopDomain ?? 'synchub-demo.myshopify.com',
      'x-shopify-api-version': SIMULATED_API_VERSION,
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
    rawBody,
  };
}

/** POSTs a delivery to a webhook URL as Shopify would; answers the HTTP status. */
export async function sendWebhook(url: string, delivery: WebhookDelivery): Promise<number> {
  const headers = Object.fromEntries(Object.entries(delivery.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(delivery.rawBody) });
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}

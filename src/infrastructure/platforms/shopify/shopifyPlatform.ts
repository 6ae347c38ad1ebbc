// Shopify as synchub knows it: a custom app's access token (and webhook secret), the shop's origin, what its client does.
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { ShopifyClient } from './shopifyClient.js';
import { shopifyEndpoints } from './shopifyEndpoints.js';

/** Secrets of at least 8 characters (Shopify's own are 32 or more): a shorter one is a typo, and scrubbing it would garble messages. */
const credentials = credentialSchema({ oneOf: [{ accessToken: { minLength: 8 } }], optional: { webhookSecret: { minLength: 8 } } });

export function shopifyClientFor(connection: PlatformConnection): ShopifyClient {
  const { apiBaseUrl, orderUrlBase } = shopifyEndpoints(connection.baseUrl);
  const { accessToken, webhookSecret } = credentialsOf(credentials, connection);
  return new ShopifyClient({ baseUrl: apiBaseUrl, accessToken, orderUrlBase, webhookSecret: webhookSecret || undefined, signal: connection.signal });
}

export const shopifyPlatform = definePlatform({
  name: 'shopify',
  title: 'Shopify',
  credentials,
  endpoints: shopifyEndpoints,
  client: ShopifyClient,
  clientFor: shopifyClientFor,
  webhookSignature: 'X-Shopify-Hmac-Sha256 with X-Shopify-Topic',
});

// Shopify as synchub knows it: a custom app's access token (and webhook secret), the shop's origin, what its client does.
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { ShopifyClient } from './shopifyClient.js';
import { shopifyEndpoints } from './shopifyEndpoints.js';

const credentials = credentialSchema({ oneOf: [{ accessToken: {} }], optional: { webhookSecret: {} } });

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

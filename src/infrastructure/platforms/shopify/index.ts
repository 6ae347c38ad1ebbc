// The only door into the Shopify adapter from outside this folder.
import { PlatformRequestError, type PlatformClient, type PlatformConnection } from '../../../application/ports/platformClient.js';
import { ShopifyClient } from './shopifyClient.js';
import { shopifyEndpoints } from './shopifyEndpoints.js';

export function shopifyClientFor(connection: PlatformConnection): PlatformClient {
  const accessToken = connection.credentials.accessToken;
  if (!accessToken) throw new PlatformRequestError('shopify', 401, 'Shopify connection has no accessToken credential');
  const { apiBaseUrl, orderUrlBase } = shopifyEndpoints(connection.baseUrl);
  return new ShopifyClient({ baseUrl: apiBaseUrl, accessToken, orderUrlBase, webhookSecret: connection.credentials.webhookSecret || undefined });
}

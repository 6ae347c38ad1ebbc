// The only door into the Shopify adapter from outside this folder.
import { PlatformRequestError, type PlatformClient, type PlatformConnection } from '../../../application/ports/platformClient.js';
import type { HttpTuning } from '../http/platformHttp.js';
import { ClientCredentialsToken, staticToken } from './shopifyAccessToken.js';
import { shopifyApiVersionOf, shopifyApiVersionProblem } from './shopifyApiVersion.js';
import { ShopifyClient } from './shopifyClient.js';
import { shopifyEndpoints } from './shopifyEndpoints.js';

export { DEFAULT_SHOPIFY_API_VERSION, SHOPIFY_API_VERSIONS } from './shopifyApiVersion.js';

/** The options an integration may set for Shopify: the Admin API version (default the newest supported). */
export const SHOPIFY_OPTIONS = { apiVersion: shopifyApiVersionProblem };

/**
 * A client for one connected shop: a Dev Dashboard app ({clientId, clientSecret}: tokens by the client credentials
 * grant, webhooks signed with the client secret) or a legacy custom app ({accessToken, webhookSecret?}).
 */
export function shopifyClientFor(connection: PlatformConnection, tuning: HttpTuning = {}): PlatformClient {
  const { clientId, clientSecret, accessToken, webhookSecret } = connection.credentials;
  const { shop, apiBaseUrl, orderUrlBase } = shopifyEndpoints(connection.baseUrl, shopifyApiVersionOf(connection.options?.apiVersion));
  const app = clientId && clientSecret ? { tokens: new ClientCredentialsToken(shop, { clientId, clientSecret }, tuning), app: clientId } : undefined;
  const legacy = accessToken ? { tokens: staticToken(accessToken), app: accessToken } : undefined;
  const chosen = app ?? legacy;
  if (!chosen) throw new PlatformRequestError('shopify', 401, 'Shopify connection has neither clientId and clientSecret nor an accessToken');
  // The app's client secret signs its webhooks; a legacy custom app has a webhook secret of its own.
  return new ShopifyClient({ ...tuning, ...chosen, apiBaseUrl, orderUrlBase, webhookSecret: (app ? clientSecret : webhookSecret) || undefined });
}

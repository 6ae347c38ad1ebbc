// Shopify as synchub knows it: a Dev Dashboard app's client id and secret (tokens by the client credentials grant,
// webhooks signed with the secret) or a legacy custom app's access token and webhook secret; the API version as a
// platform option; the shop's origin; what its client does.
import { PlatformRequestError, type PlatformConnection } from '../../../application/ports/platformClient.js';
import type { HttpTuning } from '../http/platformHttp.js';
import { credentialSchema } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { ClientCredentialsToken, staticToken } from './shopifyAccessToken.js';
import { DEFAULT_SHOPIFY_API_VERSION, shopifyApiVersionOf, shopifyApiVersionProblem } from './shopifyApiVersion.js';
import { ShopifyClient } from './shopifyClient.js';
import { shopifyEndpoints } from './shopifyEndpoints.js';

/** Secrets of at least 8 characters (Shopify's own are 32 or more): a shorter one is a typo, and scrubbing it would garble messages. */
const secret = { minLength: 8 };
const credentials = credentialSchema({ oneOf: [{ clientId: secret, clientSecret: secret }, { accessToken: secret }], optional: { webhookSecret: secret } });

export function shopifyClientFor(connection: PlatformConnection, tuning: HttpTuning = {}): ShopifyClient {
  const { clientId, clientSecret, accessToken, webhookSecret } = connection.credentials;
  const { shop, apiBaseUrl, orderUrlBase } = shopifyEndpoints(connection.baseUrl, shopifyApiVersionOf(connection.options?.apiVersion));
  // A run asked to stop ends every request of the client at once, token requests included.
  const tuned: HttpTuning = { signal: connection.signal, ...tuning };
  const app = clientId && clientSecret ? { tokens: new ClientCredentialsToken(shop, { clientId, clientSecret }, tuned), app: clientId } : undefined;
  const legacy = accessToken ? { tokens: staticToken(accessToken), app: accessToken } : undefined;
  const chosen = app ?? legacy;
  if (!chosen) throw new PlatformRequestError('shopify', 401, 'Shopify connection has neither clientId and clientSecret nor an accessToken');
  // The app's client secret signs its webhooks; a legacy custom app has a webhook secret of its own.
  return new ShopifyClient({ ...tuned, ...chosen, apiBaseUrl, orderUrlBase, webhookSecret: (app ? clientSecret : webhookSecret) || undefined });
}

export const shopifyPlatform = definePlatform({
  name: 'shopify',
  title: 'Shopify',
  credentials,
  endpoints: (baseUrl) => shopifyEndpoints(baseUrl, DEFAULT_SHOPIFY_API_VERSION),
  client: ShopifyClient,
  clientFor: shopifyClientFor,
  webhookSignature: 'X-Shopify-Hmac-Sha256 (keyed with the app\'s client secret, or a legacy app\'s webhookSecret) with X-Shopify-Topic',
  options: { apiVersion: shopifyApiVersionProblem },
});

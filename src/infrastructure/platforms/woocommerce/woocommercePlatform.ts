// WooCommerce as synchub knows it: a REST key and secret (and a webhook secret), the site's address, what its client does.
import type { HttpTuning } from '../http/platformHttp.js';
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { WoocommerceClient } from './woocommerceClient.js';
import { woocommerceEndpoints } from './woocommerceEndpoints.js';

/** Secrets of at least 8 characters (WooCommerce's keys are 43): a shorter one is a typo, and scrubbing it would garble messages. */
const credentials = credentialSchema({
  oneOf: [{ consumerKey: { minLength: 8 }, consumerSecret: { minLength: 8 } }],
  optional: { webhookSecret: { minLength: 8 } },
});

const options = {
  // Over HTTPS, the key and secret as consumer_key/consumer_secret query parameters instead of Basic auth (for hosts
  // that strip the Authorization header), as the official client's queryStringAuth does.
  queryStringAuth: (value: unknown) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
};

export function woocommerceClientFor(connection: PlatformConnection, tuning: HttpTuning = {}): WoocommerceClient {
  const { consumerKey, consumerSecret, webhookSecret } = credentialsOf(credentials, connection);
  const { apiBaseUrl, orderUrl } = woocommerceEndpoints(connection.baseUrl);
  const queryStringAuth = connection.options?.queryStringAuth === true;
  return new WoocommerceClient({ signal: connection.signal, ...tuning, baseUrl: apiBaseUrl, consumerKey, consumerSecret, queryStringAuth, webhookSecret, orderUrl });
}

export const woocommercePlatform = definePlatform({
  name: 'woocommerce',
  title: 'WooCommerce',
  credentials,
  options,
  endpoints: woocommerceEndpoints,
  client: WoocommerceClient,
  clientFor: (connection) => woocommerceClientFor(connection),
  webhookSignature: 'X-WC-Webhook-Signature',
});

// The only door into the WooCommerce adapter from outside this folder.
import { PlatformRequestError, type PlatformClient, type PlatformConnection } from '../../../application/ports/platformClient.js';
import type { HttpTuning } from '../http/platformHttp.js';
import { WoocommerceClient } from './woocommerceClient.js';
import { woocommerceEndpoints } from './woocommerceEndpoints.js';

export function woocommerceClientFor(connection: PlatformConnection, tuning: HttpTuning = {}): PlatformClient {
  const { consumerKey, consumerSecret, webhookSecret } = connection.credentials;
  if (!consumerKey || !consumerSecret) throw new PlatformRequestError('woocommerce', 401, 'WooCommerce connection needs both consumerKey and consumerSecret credentials');
  const { apiBaseUrl, orderUrl } = woocommerceEndpoints(connection.baseUrl);
  return new WoocommerceClient({ ...tuning, baseUrl: apiBaseUrl, consumerKey, consumerSecret, webhookSecret, orderUrl });
}

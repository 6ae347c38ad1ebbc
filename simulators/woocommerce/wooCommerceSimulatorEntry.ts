// `npm run simulator -- woocommerce`: a REST key and secret, seeded orders, a request limit.
import type { SimulatorEntry } from '../shared/simulatorEntry.js';
import { seedWooCommerceOrders } from './wooCommerceSeed.js';
import { startWooCommerceSimulator } from './wooCommerceSimulator.js';

export const wooCommerceSimulatorEntry: SimulatorEntry = {
  name: 'woocommerce',
  credentialFlags: { 'consumer-key': 'ck_demo_key', 'consumer-secret': 'cs_demo_secret' },
  async start(s) {
    const consumerKey = s.credentials['consumer-key']!;
    const consumerSecret = s.credentials['consumer-secret']!;
    const seedOrders = seedWooCommerceOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startWooCommerceSimulator({ consumerKey, consumerSecret, port: s.port, host: s.host, requestsPerMinute: s.rpm, seedOrders });
    return {
      baseUrl: sim.baseUrl,
      credentials: { consumerKey, consumerSecret, webhookSecret: 'choose-one' },
      // Plain HTTP, like a shop without TLS: WooCommerce then takes only OAuth 1.0a signatures, which synchub makes.
      tryIt: `curl "${sim.baseUrl}/wp-json/wc/v3/orders?per_page=2"   (401: over plain HTTP WooCommerce wants an OAuth 1.0a signature; synchub signs its requests)`,
      close: sim.close,
    };
  },
};

// `npm run simulator -- shopify`: an access token, seeded orders, Shopify's leaky bucket instead of a per-minute limit.
import type { SimulatorEntry } from '../shared/simulatorEntry.js';
import { seedShopifyOrders } from './shopifySeed.js';
import { startShopifySimulator } from './shopifySimulator.js';

export const shopifySimulatorEntry: SimulatorEntry = {
  name: 'shopify',
  credentialFlags: { 'access-token': 'shpat_demo' },
  limit: { describe: () => 'leaky bucket of 40, 2 per second', usageNote: 'Shopify: the leaky bucket of 40 at 2/s unless --rpm 0' },
  async start(s) {
    const accessToken = s.credentials['access-token']!;
    const seedOrders = seedShopifyOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startShopifySimulator({ accessToken, port: s.port, host: s.host, seedOrders, ...(s.rpm === 0 ? { bucketSize: 0 } : {}) });
    return {
      baseUrl: sim.baseUrl,
      credentials: { accessToken, webhookSecret: 'choose-one' },
      tryIt: `curl -H "X-Shopify-Access-Token: ${accessToken}" "${sim.baseUrl}/admin/api/2024-10/orders.json?status=any&limit=2"`,
      close: sim.close,
    };
  },
};

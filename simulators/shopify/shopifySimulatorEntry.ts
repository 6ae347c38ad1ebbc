// `npm run simulator -- shopify`: a Dev Dashboard app's client id and secret, seeded orders and catalogue, Shopify's
// GraphQL cost bucket instead of a per-minute limit.
import type { SimulatorEntry } from '../shared/simulatorEntry.js';
import { seedShopifyOrders, seedShopifyProducts } from './shopifySeed.js';
import { startShopifySimulator } from './shopifySimulator.js';

export const shopifySimulatorEntry: SimulatorEntry = {
  name: 'shopify',
  credentialFlags: { 'client-id': 'demo-client-id', 'client-secret': 'demo-client-secret' },
  limit: {
    describe: () => 'cost bucket of 1000 points, restoring 50 a second',
    usageNote: 'Shopify: a cost bucket of 1000 points restoring 50/s; 20 000 restoring 1 000/s with --rpm 0',
  },
  async start(s) {
    const app = { clientId: s.credentials['client-id']!, clientSecret: s.credentials['client-secret']! };
    const seedOrders = seedShopifyOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const seedProducts = seedShopifyProducts({ currency: s.currency });
    const bucket = s.rpm === 0 ? { maximumAvailable: 20_000, restoreRate: 1000 } : { maximumAvailable: 1000, restoreRate: 50 };
    const sim = await startShopifySimulator({ app, port: s.port, host: s.host, seedOrders, seedProducts, bucket });
    const token = `curl -s -X POST -d "grant_type=client_credentials&client_id=${app.clientId}&client_secret=${app.clientSecret}" ${sim.baseUrl}/admin/oauth/access_token`;
    const query = `curl -H "X-Shopify-Access-Token: <access_token>" -H "Content-Type: application/json" -d '{"query":"{ orders(first: 2) { nodes { name } } }"}' ${sim.baseUrl}/admin/api/${sim.apiVersion}/graphql.json`;
    return { baseUrl: sim.baseUrl, credentials: app, tryIt: `${token}   # then: ${query}`, close: sim.close };
  },
};

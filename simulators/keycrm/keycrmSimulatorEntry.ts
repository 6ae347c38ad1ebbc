// `npm run simulator -- keycrm`: a Bearer key, seeded orders, KeyCRM's request limit.
import type { SimulatorEntry } from '../shared/simulatorEntry.js';
import { seedKeycrmOrders } from './keycrmSeed.js';
import { startKeycrmSimulator } from './keycrmSimulator.js';

export const keycrmSimulatorEntry: SimulatorEntry = {
  name: 'keycrm',
  credentialFlags: { 'api-key': 'demo-key' },
  async start(s) {
    const apiKey = s.credentials['api-key']!;
    const seedOrders = seedKeycrmOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startKeycrmSimulator({ apiKey, port: s.port, host: s.host, requestsPerMinute: s.rpm, currency: s.currency, seedOrders });
    return { baseUrl: sim.baseUrl, credentials: { apiKey }, tryIt: `curl -H "Authorization: Bearer ${apiKey}" "${sim.baseUrl}/order?include=buyer,products.offer&limit=2"`, close: sim.close };
  },
};

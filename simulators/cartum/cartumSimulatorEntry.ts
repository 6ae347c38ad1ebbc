// `npm run simulator -- cartum`: an admin login and password, seeded orders, a request limit.
import type { SimulatorEntry } from '../shared/simulatorEntry.js';
import { seedCartumOrders } from './cartumSeed.js';
import { startCartumSimulator } from './cartumSimulator.js';

export const cartumSimulatorEntry: SimulatorEntry = {
  name: 'cartum',
  credentialFlags: { login: 'demo', password: 'demo-password' },
  async start(s) {
    const login = s.credentials.login!;
    const password = s.credentials.password!;
    const seedOrders = seedCartumOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startCartumSimulator({ login, password, port: s.port, host: s.host, requestsPerMinute: s.rpm, currency: s.currency, seedOrders });
    return {
      baseUrl: sim.baseUrl,
      credentials: { login, password },
      tryIt: `curl -X POST -H "Content-Type: application/json" -d '{"login":"${login}","password":"${password}"}' ${sim.baseUrl}/api/auth/`,
      close: sim.close,
    };
  },
};

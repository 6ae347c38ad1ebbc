// Runs a platform simulator standalone for demos and manual testing: `npm run simulator -- <platform>`.
import { parseArgs } from 'node:util';
import { seedCartumOrders, startCartumSimulator } from './cartum/index.js';
import { seedKeycrmOrders, startKeycrmSimulator } from './keycrm/index.js';
import { seedShopifyOrders, seedShopifyProducts, startShopifySimulator } from './shopify/index.js';
import { seedWooCommerceOrders, startWooCommerceSimulator } from './woocommerce/index.js';

const USAGE = [
  'usage: npm run simulator -- <keycrm|cartum|woocommerce|shopify> [--port 4010] [--host 127.0.0.1] [--orders 200] [--rpm 60] [--currency UAH]',
  '  credentials (defaults shown): keycrm --api-key demo-key | cartum --login demo --password demo-password',
  '                                woocommerce --consumer-key ck_demo --consumer-secret cs_demo',
  '                                shopify --client-id demo-client-id --client-secret demo-client-secret [--access-token shpat_… for a legacy app]',
  '  --rpm 0 means no request limit (Shopify: a cost bucket of 1000 points restoring 50/s; 20 000 restoring 1 000/s with --rpm 0)',
].join('\n');

interface Running {
  baseUrl: string;
  /** What a newcomer needs to connect synchub: the integration's platform, baseUrl and credentials. */
  credentials: Record<string, string>;
  tryIt: string;
  close(): Promise<void>;
}

interface Settings {
  port: number;
  host: string;
  count: number;
  rpm: number;
  currency: string;
  startAt: Date;
  values: Record<string, string | boolean | undefined>;
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** One starter per simulated platform, each with the credentials the simulator accepts. */
const STARTERS: Record<string, (s: Settings) => Promise<Running>> = {
  async keycrm(s) {
    const apiKey = text(s.values['api-key'], 'demo-key');
    const seedOrders = seedKeycrmOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startKeycrmSimulator({ apiKey, port: s.port, host: s.host, requestsPerMinute: s.rpm, currency: s.currency, seedOrders });
    return { baseUrl: sim.baseUrl, credentials: { apiKey }, tryIt: `curl -H "Authorization: Bearer ${apiKey}" "${sim.baseUrl}/order?include=buyer,products.offer&limit=2"`, close: sim.close };
  },
  async cartum(s) {
    const login = text(s.values.login, 'demo');
    const password = text(s.values.password, 'demo-password');
    const seedOrders = seedCartumOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startCartumSimulator({ login, password, port: s.port, host: s.host, requestsPerMinute: s.rpm, currency: s.currency, seedOrders });
    return {
      baseUrl: sim.baseUrl,
      credentials: { login, password },
      tryIt: `curl -X POST -H "Content-Type: application/json" -d '{"login":"${login}","password":"${password}"}' ${sim.baseUrl}/api/auth/`,
      close: sim.close,
    };
  },
  async woocommerce(s) {
    const consumerKey = text(s.values['consumer-key'], 'ck_demo');
    const consumerSecret = text(s.values['consumer-secret'], 'cs_demo');
    const seedOrders = seedWooCommerceOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const sim = await startWooCommerceSimulator({ consumerKey, consumerSecret, port: s.port, host: s.host, requestsPerMinute: s.rpm, seedOrders });
    return {
      baseUrl: sim.baseUrl,
      credentials: { consumerKey, consumerSecret, webhookSecret: 'choose-one' },
      tryIt: `curl -u ${consumerKey}:${consumerSecret} "${sim.baseUrl}/wp-json/wc/v3/orders?per_page=2"`,
      close: sim.close,
    };
  },
  async shopify(s) {
    const app = { clientId: text(s.values['client-id'], 'demo-client-id'), clientSecret: text(s.values['client-secret'], 'demo-client-secret') };
    const accessToken = typeof s.values['access-token'] === 'string' ? s.values['access-token'] : undefined;
    const seedOrders = seedShopifyOrders({ count: s.count, startAt: s.startAt, currency: s.currency });
    const seedProducts = seedShopifyProducts({ currency: s.currency });
    const bucket = s.rpm === 0 ? { maximumAvailable: 20_000, restoreRate: 1000 } : { maximumAvailable: 1000, restoreRate: 50 };
    const sim = await startShopifySimulator({ app, accessToken, port: s.port, host: s.host, seedOrders, seedProducts, bucket });
    const token = `curl -s -X POST -d "grant_type=client_credentials&client_id=${app.clientId}&client_secret=${app.clientSecret}" ${sim.baseUrl}/admin/oauth/access_token`;
    return {
      baseUrl: sim.baseUrl,
      credentials: accessToken ? { accessToken, webhookSecret: 'choose-one' } : app,
      tryIt: `${token}   # then: curl -H "X-Shopify-Access-Token: <access_token>" -H "Content-Type: application/json" -d '{"query":"{ orders(first: 2) { nodes { name } } }"}' ${sim.baseUrl}/admin/api/${sim.apiVersion}/graphql.json`,
      close: sim.close,
    };
  },
};

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        orders: { type: 'string', default: '200' },
        rpm: { type: 'string', default: '60' },
        currency: { type: 'string', default: 'UAH' },
        'api-key': { type: 'string' },
        login: { type: 'string' },
        password: { type: 'string' },
        'consumer-key': { type: 'string' },
        'consumer-secret': { type: 'string' },
        'access-token': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const platform = positionals[0] ?? '';
  const start = STARTERS[platform];
  if (!start) fail(`unknown platform ${JSON.stringify(platform)}; simulated: ${Object.keys(STARTERS).join(', ')}`);
  const count = wholeNumber(values.orders, 'orders');
  // Orders come at most 15 min apart and are edited within 2 h: starting this far back, none lies in the future.
  const startAt = new Date(Date.now() - Math.max(1, count) * 15 * 60_000 - 2 * 3_600_000);
  const rpm = wholeNumber(values.rpm, 'rpm');
  const running = await start({ port: wholeNumber(values.port, 'port'), host: values.host, count, rpm, currency: values.currency, startAt, values });
  process.stdout.write(
    [
      `${platform} simulator listening`,
      `  integration: {"platform": "${platform}", "baseUrl": "${running.baseUrl}", "currency": "${values.currency}", "credentials": ${JSON.stringify(running.credentials)}}`,
      `  orders:      ${count} (created from ${startAt.toISOString()})`,
      `  limit:       ${rpm === 0 ? 'unlimited' : platform === 'shopify' ? 'cost bucket of 1000 points, restoring 50 a second' : `${rpm} requests/min`}`,
      `  try:         ${running.tryIt}`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping\n`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

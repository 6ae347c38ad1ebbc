// Runs a platform simulator standalone for demos and manual testing: `node dist/src/interfaces/simulatorCli.js keycrm`.
import { parseArgs } from 'node:util';
import { seedKeycrmOrders, startKeycrmSimulator } from '../infrastructure/platforms/keycrm/simulator/index.js';

const USAGE = 'usage: simulatorCli keycrm [--port 4010] [--host 127.0.0.1] [--orders 200] [--api-key demo-key] [--rpm 60] [--currency UAH]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
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
        'api-key': { type: 'string', default: 'demo-key' },
        rpm: { type: 'string', default: '60' },
        currency: { type: 'string', default: 'UAH' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals[0] !== 'keycrm') fail(`unknown platform ${JSON.stringify(positionals[0] ?? '')}; only keycrm is simulated`);
  const apiKey = values['api-key'];
  const count = wholeNumber(values.orders, 'orders');
  // Orders come at most 15 min apart and are edited within 2 h: starting this far back, none lies in the future.
  const startAt = new Date(Date.now() - Math.max(1, count) * 15 * 60_000 - 2 * 3_600_000);
  const simulator = await startKeycrmSimulator({
    apiKey,
    port: wholeNumber(values.port, 'port'),
    host: values.host,
    requestsPerMinute: wholeNumber(values.rpm, 'rpm'),
    currency: values.currency,
    seedOrders: seedKeycrmOrders({ count, startAt, currency: values.currency }),
  });
  process.stdout.write(
    [
      'KeyCRM simulator listening',
      `  base URL: ${simulator.baseUrl}`,
      `  API key:  ${apiKey}`,
      `  orders:   ${count} (created from ${startAt.toISOString()})`,
      `  limit:    ${values.rpm === '0' ? 'unlimited' : `${values.rpm} requests/min per key`}`,
      `  try:      curl -H "Authorization: Bearer ${apiKey}" "${simulator.baseUrl}/order?include=buyer,products.offer&limit=2"`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping after ${simulator.requestCount} requests (${simulator.rateLimitedCount} rate-limited)\n`);
    simulator.close().then(
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

// Runs a platform simulator standalone for demos and manual testing: `npm run simulator -- <platform>`.
import { parseArgs } from 'node:util';
import { integrationBody, type SimulatorEntry } from './shared/simulatorEntry.js';
import { SIMULATORS } from './simulatorRegistry.js';

const USAGE_HEAD = '  credentials (defaults shown): ';

/** The usage text, from the entries: their names, their credential flags with defaults, two a line, and their limit notes. */
function usage(entries: readonly SimulatorEntry[]): string {
  const credentials = entries.map((entry) => [entry.name, ...Object.entries(entry.credentialFlags).map(([flag, value]) => `--${flag} ${value}`)].join(' '));
  const pairs = Array.from({ length: Math.ceil(credentials.length / 2) }, (_, i) => credentials.slice(i * 2, i * 2 + 2).join(' | '));
  const notes = entries.flatMap((entry) => (entry.limit ? [entry.limit.usageNote] : []));
  return [
    `usage: npm run simulator -- <${entries.map((entry) => entry.name).join('|')}> [--port 4010] [--host 127.0.0.1] [--orders 200] [--rpm 60] [--currency UAH]`,
    `${USAGE_HEAD}${pairs.join(`\n${' '.repeat(USAGE_HEAD.length)}`)}`,
    `  --rpm 0 means no request limit${notes.length ? ` (${notes.join('; ')})` : ''}`,
  ].join('\n');
}

const USAGE = usage(SIMULATORS);

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
        // Every simulator's credential flags; each simulator reads its own.
        ...Object.fromEntries(SIMULATORS.flatMap((entry) => Object.keys(entry.credentialFlags)).map((flag) => [flag, { type: 'string' as const }])),
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const platform = positionals[0] ?? '';
  const entry = SIMULATORS.find((candidate) => candidate.name === platform);
  if (!entry) fail(`unknown platform ${JSON.stringify(platform)}; simulated: ${SIMULATORS.map((candidate) => candidate.name).join(', ')}`);
  const count = wholeNumber(values.orders, 'orders');
  // Orders come at most 15 min apart and are edited within 2 h: starting this far back, none lies in the future.
  const startAt = new Date(Date.now() - Math.max(1, count) * 15 * 60_000 - 2 * 3_600_000);
  const rpm = wholeNumber(values.rpm, 'rpm');
  const given = values as Record<string, string | boolean | undefined>;
  const flagOr = (flag: string, fallback: string) => {
    const value = given[flag];
    return typeof value === 'string' ? value : fallback;
  };
  const credentials = Object.fromEntries(Object.entries(entry.credentialFlags).map(([flag, fallback]) => [flag, flagOr(flag, fallback)]));
  const running = await entry.start({ port: wholeNumber(values.port, 'port'), host: values.host, count, rpm, currency: values.currency, startAt, credentials });
  process.stdout.write(
    [
      `${platform} simulator listening`,
      `  integration: ${JSON.stringify(integrationBody(platform, running, values.currency))}`,
      `  orders:      ${count} (created from ${startAt.toISOString()})`,
      `  limit:       ${rpm === 0 ? 'unlimited' : (entry.limit?.describe(rpm) ?? `${rpm} requests/min`)}`,
      `  try:         ${running.tryIt}`,
      // synchub refuses loopback and private addresses unless the operator allows them.
      `  synchub:     start it with SYNCHUB_ALLOWED_PRIVATE_HOSTS=${new URL(running.baseUrl).hostname} so it may reach this simulator`,
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

import type { Command } from 'commander';
import { copyEventLog } from '../../application/admin/copyEventLog.js';
import { loadConfig, PROFILES, type Config, type Profile } from '../../infrastructure/config/config.js';
import { openEventLog } from '../../infrastructure/composition/storageProfiles.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';
import { ProgressBar } from './progressBar.js';

interface CopyOptions {
  to: string;
  toUrl?: string;
  toSchema?: string;
  batchSize: number;
}

export function eventsCommand(program: Command): void {
  const events = program.command('events').description('the event log');
  events
    .command('copy')
    .description('copy the whole event log into another store, keeping order, streams, versions, ids and metadata; resumable; verified by count and checksum')
    .requiredOption('--to <profile>', PROFILES.join(' | '))
    .option('--to-url <url>', 'target: DATABASE_URL (postgres), EVENTSTORE_URL (eventstoredb) or a data directory (embedded)')
    .option('--to-schema <schema>', 'target schema for the postgres and embedded profiles (default: SYNCHUB_PG_SCHEMA)')
    .option('--batch-size <n>', 'events read per page', (v) => Number(v), 1_000)
    .action(async (options: CopyOptions) => {
      const target = targetConfig(loadConfig(), options);
      const report = await withStorage(async ({ eventStore }, source) => {
        if (sameStore(source, target)) throw new CliError('The target is the store being copied; name another with --to-url / --to-schema');
        const targetStore = await openEventLog(target);
        try {
          const bar = new ProgressBar('copy');
          const result = await copyEventLog(eventStore, targetStore, { batchSize: options.batchSize, onProgress: bar.update });
          bar.finish();
          return result;
        } finally {
          await targetStore.close().catch(() => undefined);
        }
      }, { asStored: true });
      process.stdout.write(
        `copied ${report.copied} events (${report.skipped} were there already)\n` +
          `source: ${report.source.count} events, sha256 ${report.source.checksum}\n` +
          `target: ${report.target.count} events, sha256 ${report.target.checksum}\n`,
      );
      if (!report.identical) throw new CliError('The target log differs from the source: counts or checksums do not match');
      process.stdout.write('identical\n');
    });
}

function targetConfig(source: Config, options: CopyOptions): Config {
  if (!(PROFILES as readonly string[]).includes(options.to)) throw new CliError(`--to must be one of ${PROFILES.join(', ')}, got "${options.to}"`);
  const profile = options.to as Profile;
  const target: Config = { ...source, profile, pgSchema: options.toSchema ?? source.pgSchema };
  if (options.toSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.toSchema)) {
    throw new CliError(`--to-schema must be lower-case letters, digits and _, got "${options.toSchema}"`);
  }
  if (options.toUrl !== undefined) {
    if (profile === 'postgres') target.databaseUrl = options.toUrl;
    if (profile === 'eventstoredb') target.eventStoreUrl = options.toUrl;
    if (profile === 'embedded') target.dataDir = options.toUrl;
  }
  return target;
}

function sameStore(a: Config, b: Config): boolean {
  if (a.profile !== b.profile) return false;
  if (a.profile === 'postgres') return a.databaseUrl === b.databaseUrl && a.pgSchema === b.pgSchema;
  if (a.profile === 'embedded') return a.dataDir === b.dataDir && a.pgSchema === b.pgSchema;
  return a.eventStoreUrl === b.eventStoreUrl;
}

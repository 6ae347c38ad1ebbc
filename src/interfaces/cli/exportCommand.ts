import type { Command } from 'commander';
import { csvRow, syncHistoryCsvHeader } from '../../application/admin/syncHistoryCsv.js';
import { syncHistoryExport } from '../../application/admin/syncHistoryExport.js';
import { ProjectionRunner } from '../../application/projections/projectionRunner.js';
import { syncRunsProjection } from '../../application/projections/syncRunsProjection.js';
import { integrationStream } from '../../domain/integration/integrationDecider.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';


export function exportCommand(program: Command): void {
  const exports = program.command('export').description('export audit data to stdout');
  exports
    .command('sync-history')
    .description('the sync runs of an integration that started in [--from, --to), with counts and rejected orders')
    .requiredOption('--integration <id>', 'integration id')
    .requiredOption('--from <iso>', 'start of the window (ISO 8601 time, inclusive)', (v) => isoTime(v, '--from'))
    .requiredOption('--to <iso>', 'end of the window (ISO 8601 time, exclusive)', (v) => isoTime(v, '--to'))
    .option('--format <format>', 'ndjson or csv', 'ndjson')
    .action(async (options: { integration: string; from: Date; to: Date; format: string }) => {
      if (options.format !== 'ndjson' && options.format !== 'csv') {
        throw new CliError(`--format must be ndjson or csv, got "${options.format}"`);
      }
      if (options.from >= options.to) throw new CliError('--from must be before --to');
      await withStorage(async ({ eventStore, readModels }) => {
        // An id with no integration behind it is a typo, not an empty history.
        if ((await eventStore.readStream(integrationStream(options.integration))).length === 0) {
          throw new CliError(`there is no integration ${options.integration}; GET /v1/integrations lists them`);
        }
        // The read model may lag when the service is stopped: bring it up to date first.
        await new ProjectionRunner(eventStore, readModels, syncRunsProjection).catchUp();
        if (options.format === 'csv') process.stdout.write(`${syncHistoryCsvHeader()}\n`);
        const runs = syncHistoryExport(readModels, { integrationId: options.integration, from: options.from, to: options.to });
        for await (const run of runs) {
          process.stdout.write(options.format === 'csv' ? `${csvRow(run)}\n` : `${JSON.stringify(run)}\n`);
        }
      });
    });
}

function isoTime(value: string, option: string): Date {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new Error(`${option} must be an ISO 8601 time like 2024-05-01T00:00:00Z, got "${value}"`);
  }
  return time;
}

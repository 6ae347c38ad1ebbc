import type { Command } from 'commander';
import { rebuildProjection } from '../../application/admin/rebuildProjection.js';
import { withStorage } from './cliStorage.js';
import { ProgressBar } from './progressBar.js';
import { projectionsNamed } from './projectionNames.js';

export function projectionsCommand(program: Command): void {
  const projections = program.command('projections').description('read models built from the events');
  projections
    .command('rebuild [name]')
    .description('rebuild one read model (or all) from the events while the service keeps running: built aside, then switched in')
    .option('--batch-size <n>', 'events per transaction', (v) => positiveInteger(v, '--batch-size'), 1_000)
    .action(async (name: string | undefined, options: { batchSize: number }) => {
      const chosen = projectionsNamed(name);
      await withStorage(async ({ eventStore, readModels }) => {
        for (const projection of chosen) {
          const bar = new ProgressBar(`rebuild ${projection.name}`);
          const report = await rebuildProjection(eventStore, readModels, projection, { batchSize: options.batchSize, onProgress: bar.update });
          bar.finish();
          process.stdout.write(
            `${projection.name}: rebuilt from ${report.events} events in ${report.seconds.toFixed(1)} s; live at position ${report.position}\n`,
          );
        }
      });
    });
}

export function positiveInteger(value: string, option: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${option} must be a whole number above 0, got "${value}"`);
  return parsed;
}

import type { Command } from 'commander';
import { checkProjection, type CheckReport } from '../../application/admin/checkProjection.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';
import { ProgressBar } from './progressBar.js';
import { projectionsNamed } from './projectionNames.js';

export function checkCommand(program: Command): void {
  program
    .command('check [name]')
    .description('replay the events into a scratch copy and compare it with the live read model(s); exit 1 on drift')
    .action(async (name: string | undefined) => {
      const chosen = projectionsNamed(name);
      const drifted = await withStorage(async ({ eventStore, readModels }) => {
        const found: string[] = [];
        for (const projection of chosen) {
          const bar = new ProgressBar(`check ${projection.name}`);
          const report = await checkProjection(eventStore, readModels, projection, { onProgress: bar.update });
          bar.finish();
          process.stdout.write(describeCheck(report));
          if (!report.identical) found.push(projection.name);
        }
        return found;
      });
      if (drifted.length > 0) throw new CliError(`Drift found in ${drifted.join(', ')}: rebuild with "synchub projections rebuild <name>"`);
    });
}

export function describeCheck(report: CheckReport): string {
  const lines: string[] = [];
  for (const drift of report.drift) {
    if (drift.identical) {
      lines.push(`${drift.collection}: identical (${drift.documents} documents at position ${report.position})`);
      continue;
    }
    lines.push(
      `${drift.collection}: DRIFT at position ${report.position}: ${drift.missingCount} missing, ${drift.extraCount} extra, ${drift.differingCount} differing`,
    );
    for (const id of drift.missing) lines.push(`  missing   ${id}`);
    for (const id of drift.extra) lines.push(`  extra     ${id}`);
    for (const d of drift.differing) {
      lines.push(`  differing ${d.id} at ${d.field}: live ${JSON.stringify(d.live)}, replayed ${JSON.stringify(d.replayed)}`);
    }
    const listed = drift.missing.length + drift.extra.length + drift.differing.length;
    const total = drift.missingCount + drift.extraCount + drift.differingCount;
    if (listed < total) lines.push(`  … and ${total - listed} more`);
  }
  return `${lines.join('\n')}\n`;
}

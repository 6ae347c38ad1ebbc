import type { Command } from 'commander';
import { historyEntry } from '../../application/history/streamHistory.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';

export function historyCommand(program: Command): void {
  program
    .command('history <stream>')
    .description('print every event of a stream (e.g. order-<id>) as JSON lines; credentials redacted')
    .action(async (stream: string) => {
      await withStorage(async ({ eventStore }) => {
        const events = await eventStore.readStream(stream);
        if (events.length === 0) throw new CliError(`Stream "${stream}" has no events; stream names look like order-<id>, integration-<id>, syncrun-<id>`);
        for (const event of events) {
          process.stdout.write(`${JSON.stringify({ stream, ...historyEntry(event) })}\n`);
        }
      });
    });
}

#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { describeFailure, exitCodeOf } from './cliErrors.js';
import { synchubProgram } from './program.js';

async function main(): Promise<void> {
  const program = synchubProgram();
  try {
    await program.parseAsync(process.argv);
    process.exitCode = 0;
  } catch (error) {
    // Commander has printed its own message (usage errors, --help) already.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const verbose = process.argv.includes('--verbose');
    process.stderr.write(`synchub: ${describeFailure(error, verbose)}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

// Open pools or timers must not keep a finished command alive.
main().finally(() => process.exit(process.exitCode ?? 0));

import { Command } from 'commander';
import { checkCommand } from './checkCommand.js';
import { contactsCommand } from './contactsCommand.js';
import { eventsCommand } from './eventsCommand.js';
import { exportCommand } from './exportCommand.js';
import { historyCommand } from './historyCommand.js';
import { projectionsCommand } from './projectionsCommand.js';
import { tokensCommand } from './tokensCommand.js';

/** The admin CLI; it reads the same environment variables as the service (SYNCHUB_PROFILE, DATABASE_URL, …). */
export function synchubProgram(): Command {
  const program = new Command('synchub')
    .description('synchub admin: rebuild and check read models, read history, export sync runs, manage tokens, copy the event log, re-key contacts')
    .option('--verbose', 'print stack traces of failures')
    .showHelpAfterError()
    .exitOverride();
  projectionsCommand(program);
  checkCommand(program);
  historyCommand(program);
  exportCommand(program);
  tokensCommand(program);
  eventsCommand(program);
  contactsCommand(program);
  return program;
}

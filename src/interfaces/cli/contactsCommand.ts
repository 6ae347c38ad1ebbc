import type { Command } from 'commander';
import { rekeyContacts } from '../../application/contacts/contactRekey.js';
import { ProjectionRunner } from '../../application/projections/projectionRunner.js';
import { contactsProjection } from '../../application/projections/contactsProjection.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';

export function contactsCommand(program: Command): void {
  const contacts = program.command('contacts').description('the contact base');
  contacts
    .command('rekey')
    .description('writes every stored phone in E.164 (national spellings read in --country) and makes imports of that number find its contact; prints a JSON report (a number held by two contacts is listed, not merged)')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country the stored national numbers belong to, e.g. UA')
    .action(async (options: { country: string }) => {
      const country = options.country.toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw new CliError(`--country must be a two-letter ISO 3166-1 code such as UA, got "${options.country}"`);
      await withStorage(async ({ eventStore, readModels }) => {
        // The contact read model is brought up to date first: re-keying walks it.
        await new ProjectionRunner(eventStore, readModels, contactsProjection).catchUp();
        const report = await rekeyContacts({ store: eventStore, readModels }, country);
        process.stdout.write(`${JSON.stringify(report)}\n`);
      });
    });
}

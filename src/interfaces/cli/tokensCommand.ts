import type { Command } from 'commander';
import { issueAccessToken } from '../../application/accessTokens/issueAccessToken.js';
import { listAccessTokens } from '../../application/accessTokens/listAccessTokens.js';
import { revokeAccessToken } from '../../application/accessTokens/revokeAccessToken.js';
import { ProjectionRunner } from '../../application/projections/projectionRunner.js';
import { accessTokensProjection } from '../../application/projections/accessTokensProjection.js';
import { isRole, ROLES } from '../../domain/accessToken/role.js';
import { withStorage } from './cliStorage.js';
import { CliError } from './cliErrors.js';

export function tokensCommand(program: Command): void {
  const tokens = program.command('tokens').description('API access tokens');
  tokens
    .command('create')
    .description('issue a token; it is printed this once and never stored')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--name <name>', 'who or what the token is for')
    .option('--expires-at <time>', 'refuse the token from this ISO 8601 time on, e.g. 2027-01-31T00:00:00Z')
    .action(async (options: { role: string; name: string; expiresAt?: string }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got "${options.role}"`);
      const role = options.role;
      const expiresAt = options.expiresAt === undefined ? null : new Date(options.expiresAt);
      if (expiresAt && (Number.isNaN(expiresAt.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(options.expiresAt!))) {
        throw new CliError(`--expires-at must be an ISO 8601 time like 2027-01-31T00:00:00Z, got "${options.expiresAt}"`);
      }
      await withStorage(async ({ eventStore }) => {
        const issued = await issueAccessToken(eventStore, { name: options.name, role, expiresAt });
        process.stderr.write('Store this token now: it is not shown again.\n');
        process.stdout.write(`${JSON.stringify({ id: issued.tokenId, name: issued.name, role: issued.role, token: issued.token, issuedAt: issued.issuedAt, expiresAt: issued.expiresAt })}\n`);
      });
    });
  tokens
    .command('list')
    .description('list tokens as JSON lines, newest first (no token values)')
    .action(async () => {
      await withStorage(async ({ eventStore, readModels }) => {
        // Works with the service stopped too: the token read model is brought up to date first.
        await new ProjectionRunner(eventStore, readModels, accessTokensProjection).catchUp();
        // By cursor: a token issued meanwhile neither repeats nor hides one already listed.
        for (let after: string | undefined, more = true; more; ) {
          const list = await listAccessTokens(readModels, { page: 1, limit: 100, after });
          for (const item of list.items) process.stdout.write(`${JSON.stringify(item)}\n`);
          after = list.nextCursor ?? undefined;
          more = list.nextCursor !== null;
        }
      });
    });
  tokens
    .command('revoke <id>')
    .description('revoke a token by id; requests with it are refused from then on')
    .action(async (id: string) => {
      await withStorage(async ({ eventStore }) => {
        await revokeAccessToken(eventStore, id);
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}

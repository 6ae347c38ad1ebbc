import { expect } from 'chai';
import { PostgresEventStore } from '../../../src/infrastructure/postgres/postgresEventStore.js';
import { connectTestPostgres, dropSchema, testDatabaseUrl, uniqueSchema } from '../../support/databases.js';
import { jsonLines, postgresEnv, runCli } from './cliProcess.js';

describe('synchub tokens, history and export (the real CLI against a test schema)', function () {
  this.timeout(60_000);
  const sql = connectTestPostgres(2);
  const schema = uniqueSchema('cli');
  const env = postgresEnv(schema, testDatabaseUrl);
  let store: PostgresEventStore;

  before(async () => {
    store = await PostgresEventStore.create(sql, { schema, ownsClient: false });
  });

  after(async () => {
    await dropSchema(sql, schema);
    await sql.close();
  });

  describe('tokens', () => {
    it('create prints the token once, list shows it without the token, revoke marks it revoked', async () => {
      // When an operator token is created.
      const created = await runCli(['tokens', 'create', '--role', 'operator', '--name', 'ci pipeline'], env);
      expect(created.code, created.stderr).to.equal(0);
      const [token] = jsonLines(created.stdout);
      expect(token).to.include({ name: 'ci pipeline', role: 'operator' });
      expect(token.token).to.be.a('string').with.length.greaterThan(20);
      expect(created.stderr).to.contain('not shown again');

      // Then it is listed, with no token value or hash anywhere in the output.
      const listed = await runCli(['tokens', 'list'], env);
      expect(listed.code, listed.stderr).to.equal(0);
      const items = jsonLines(listed.stdout);
      expect(items.map((i) => i.id)).to.include(token.id);
      expect(items.find((i) => i.id === token.id)).to.include({ name: 'ci pipeline', role: 'operator', revokedAt: null });
      expect(listed.stdout).not.to.contain(token.token);
      expect(listed.stdout).not.to.match(/hash/i);

      // When it is revoked, then the list shows when.
      const revoked = await runCli(['tokens', 'revoke', token.id], env);
      expect(revoked.code, revoked.stderr).to.equal(0);
      expect(revoked.stdout.trim()).to.equal(`revoked ${token.id}`);
      const after = jsonLines((await runCli(['tokens', 'list'], env)).stdout).find((i) => i.id === token.id);
      expect(after.revokedAt).to.be.a('string');

      // And revoking it again fails with one readable line, no stack trace.
      const again = await runCli(['tokens', 'revoke', token.id], env);
      expect(again.code).to.equal(1);
      expect(again.stderr.trim().split('\n')).to.have.length(1);
      expect(again.stderr).to.match(/^synchub: .*revoked/i);
    });

    it('rejects an unknown role, and shows the stack only with --verbose', async () => {
      const result = await runCli(['tokens', 'create', '--role', 'root', '--name', 'x'], env);
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.equal('synchub: --role must be one of viewer, operator, admin, got "root"');
      const unknown = await runCli(['tokens', 'revoke', 'no-such-token', '--verbose'], env);
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.match(/\n\s+at /);
    });
  });

  describe('history', () => {
    it('prints a stream as JSON lines with position, version, type, time, data and metadata, credentials redacted', async () => {
      // Given an integration whose credentials were changed.
      await store.appendToStream('integration-i1', [
        {
          type: 'IntegrationConnected',
          data: { integrationId: 'i1', platform: 'keycrm', settings: { storeName: 'Shop', currency: 'UAH' }, connectedAt: '2024-05-01T10:00:00.000Z' },
          metadata: { actor: 'token-1', source: 'local', correlationId: 'c-1' },
        },
        { type: 'IntegrationCredentialsChanged', data: { sealed: 'SEALED-SECRET-BLOB', changedAt: '2024-05-02T10:00:00.000Z' }, metadata: { actor: 'token-1' } },
      ]);

      // When its history is printed.
      const result = await runCli(['history', 'integration-i1'], env);

      // Then every event is there in order, and the sealed credentials are not.
      expect(result.code, result.stderr).to.equal(0);
      const lines = jsonLines(result.stdout);
      expect(lines.map((l) => [l.version, l.type])).to.deep.equal([
        [0, 'IntegrationConnected'],
        [1, 'IntegrationCredentialsChanged'],
      ]);
      expect(lines[0]).to.include.keys('stream', 'position', 'version', 'type', 'recordedAt', 'data', 'metadata');
      // Stored in IntegrationConnected v1 (no schemaVersion): printed upcast, saying which version it was stored in.
      expect(lines[0].metadata).to.deep.equal({ actor: 'token-1', source: 'local', correlationId: 'c-1', schemaVersion: 4, storedSchemaVersion: 1 });
      expect(lines[1].position).to.be.greaterThan(lines[0].position);
      expect(Number.isNaN(Date.parse(lines[1].recordedAt))).to.equal(false);
      expect(lines[1].data.credentials).to.equal('[redacted]');
      expect(result.stdout).not.to.contain('SEALED-SECRET-BLOB');
    });

    it('fails with a readable message for a stream without events', async () => {
      const result = await runCli(['history', 'order-nothing-here'], env);
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.match(/^synchub: Stream "order-nothing-here" has no events/);
    });
  });

  describe('export sync-history', () => {
    const counts = (imported: number, rejected: number) => ({ imported, updated: 0, unchanged: 0, rejected, skipped: 0 });

    before(async () => {
      // Given integrations i1 and i2, three runs of i1 (one outside the window) and one of i2.
      for (const integrationId of ['i1', 'i2']) {
        await store.appendToStream(`integration-${integrationId}`, [
          { type: 'IntegrationConnected', data: { integrationId, platform: 'keycrm', settings: { name: integrationId }, connectedAt: '2024-04-01T00:00:00.000Z' } },
        ]);
      }
      const run = async (runId: string, integrationId: string, startedAt: string, rejected: { externalId: string; reason: string }[]) => {
        await store.appendToStream(`syncrun-${runId}`, [
          { type: 'SyncRunStarted', data: { runId, integrationId, trigger: 'manual', window: { from: '2024-04-30T00:00:00.000Z', to: startedAt }, startedAt } },
          {
            type: 'SyncRunOrdersProcessed',
            data: { outcomes: [{ externalId: `${runId}-ok`, outcome: 'imported' }, ...rejected.map((r) => ({ ...r, outcome: 'rejected' }))] },
          },
          { type: 'SyncRunFinished', data: { integrationId, counts: counts(1, rejected.length), finishedAt: startedAt } },
        ]);
      };
      await run('r1', 'i1', '2024-05-01T10:00:00.000Z', [{ externalId: '1001', reason: 'Currency USD differs from the store currency UAH, "as configured"' }]);
      await run('r2', 'i1', '2024-05-02T10:00:00.000Z', []);
      await run('r3', 'i1', '2024-06-01T10:00:00.000Z', []);
      await run('r4', 'i2', '2024-05-01T12:00:00.000Z', []);
    });

    it('ndjson: the runs in the window with counts and rejected orders with reasons', async () => {
      const result = await runCli(
        ['export', 'sync-history', '--integration', 'i1', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-31T00:00:00Z', '--format', 'ndjson'],
        env,
      );
      expect(result.code, result.stderr).to.equal(0);
      const runs = jsonLines(result.stdout);
      expect(runs.map((r) => r.runId)).to.deep.equal(['r1', 'r2']);
      expect(runs[0]).to.include({ integrationId: 'i1', status: 'succeeded', imported: 1, rejected: 1 });
      expect(runs[0].rejectedOrders).to.deep.equal([{ externalId: '1001', reason: 'Currency USD differs from the store currency UAH, "as configured"' }]);
    });

    it('csv: a header and one quoted row per run', async () => {
      const result = await runCli(
        ['export', 'sync-history', '--integration', 'i1', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z', '--format', 'csv'],
        env,
      );
      expect(result.code, result.stderr).to.equal(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).to.equal(
        'runId,integrationId,status,trigger,startedAt,finishedAt,windowFrom,windowTo,imported,updated,unchanged,rejected,skipped,error,rejectedOrders',
      );
      expect(lines).to.have.length(2);
      expect(lines[1]).to.match(/^r1,i1,succeeded,manual,2024-05-01T10:00:00.000Z,/);
      expect(lines[1]).to.match(/,1,0,0,1,0,,"1001: Currency USD differs from the store currency UAH, ""as configured"""$/);
    });

    it('given an integration id that names no integration, then it exits non-zero saying so', async () => {
      const result = await runCli(['export', 'sync-history', '--integration', 'nope', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z'], env);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.equal('');
      expect(result.stderr.trim()).to.equal('synchub: there is no integration nope; GET /v1/integrations lists them');
    });

    it('rejects a window that is not ISO times', async () => {
      const result = await runCli(['export', 'sync-history', '--integration', 'i1', '--from', 'yesterday', '--to', '2024-05-02T00:00:00Z'], env);
      expect(result.code).not.to.equal(0);
      expect(result.stderr).to.contain('--from must be an ISO 8601 time');
    });
  });
});

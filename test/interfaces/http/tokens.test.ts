import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsString, ValidateNested } from 'class-validator';
import express from 'express';
import { hashAccessToken } from '../../../src/application/accessTokens/accessTokenCredentials.js';
import { seedAdminToken } from '../../../src/application/accessTokens/seedAdminToken.js';
import type { ReadModels } from '../../../src/application/ports/readModels.js';
import { accessTokensProjection } from '../../../src/application/projections/accessTokensProjection.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { createLogger } from '../../../src/infrastructure/logging/logger.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { createApp } from '../../../src/interfaces/http/app.js';
import { problemHandler } from '../../../src/interfaces/http/problem.js';
import { validateBody } from '../../../src/interfaces/http/validation.js';

const ADMIN_TOKEN = 'bootstrap-admin-token-for-tests-0001';

/** Read models whose projection batches commit late, so a route that does not wait for them is caught out. */
function laggingReadModels(inner: ReadModels, lagMs: number): ReadModels {
  return {
    transact: async (projection, work) => {
      await new Promise((resolve) => setTimeout(resolve, lagMs));
      return inner.transact(projection, work);
    },
    checkpoint: (projection) => inner.checkpoint(projection),
    get: (collection, id) => inner.get(collection, id),
    getMany: (collection, ids, options) => inner.getMany(collection, ids, options),
    find: (collection, query) => inner.find(collection, query),
    count: (collection, where) => inner.count(collection, where),
    findPage: (collection, query, keptTotal) => inner.findPage(collection, query, keptTotal),
    reset: (projection, collections) => inner.reset(projection, collections),
    scan: (collection, page) => inner.scan(collection, page),
    promote: (swap, catchUp) => inner.promote(swap, catchUp),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

interface Api {
  base: string;
  logLines: string[];
  seed(token: string): ReturnType<typeof seedAdminToken>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** The API's clock, moved by tests of token expiry; the real time otherwise. */
let apiNow: Date | undefined;

async function startApi(): Promise<Api> {
  const eventStore = new MemoryEventStore();
  const readModels = laggingReadModels(new MemoryReadModels(), 150);
  const runner = new ProjectionRunner(eventStore, readModels, accessTokensProjection);
  await runner.start();
  const logLines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const app = createApp({
    storage: { profile: 'memory', eventStore, readModels, close: async () => undefined },
    logger,
    isShuttingDown: () => false,
    readModelsApplied: (position) => runner.waitUntilApplied(position),
    clock: () => apiNow ?? new Date(),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    logLines,
    async seed(token) {
      const result = await seedAdminToken(eventStore, token);
      if (result.position !== undefined) await runner.waitUntilApplied(result.position);
      return result;
    },
    call(method, path, { token, body, headers = {} } = {}) {
      const allHeaders: Record<string, string> = { ...headers };
      if (token !== undefined) allHeaders.authorization = `Bearer ${token}`;
      if (body !== undefined && typeof body !== 'string') allHeaders['content-type'] = 'application/json';
      return fetch(`${base}${path}`, {
        method,
        headers: allHeaders,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
    },
  };
}

async function problem(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).to.contain('application/problem+json');
  return (await response.json()) as Record<string, unknown>;
}

describe('API access tokens over HTTP', function () {
  this.timeout(10_000);
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
    await api.seed(ADMIN_TOKEN);
  });
  afterEach(async () => api.close());

  const issue = async (body: unknown) => api.call('POST', '/v1/tokens', { token: ADMIN_TOKEN, body });

  describe('authentication', () => {
    it('given no Authorization header, when calling /v1, then 401 problem+json with WWW-Authenticate: Bearer', async () => {
      const response = await api.call('GET', '/v1/me');
      expect(response.status).to.equal(401);
      expect(response.headers.get('www-authenticate')).to.match(/^Bearer realm="synchub"$/);
      expect(await problem(response)).to.include({ status: 401, title: 'Unauthorized' });
    });

    it('given a garbage or non-Bearer credential, when calling /v1, then 401 with error="invalid_token" or a challenge', async () => {
      const garbage = await api.call('GET', '/v1/me', { token: 'shub_not-a-real-token' });
      expect(garbage.status).to.equal(401);
      expect(garbage.headers.get('www-authenticate')).to.contain('error="invalid_token"');
      expect((await problem(garbage)).detail).to.match(/unknown or revoked/);

      const basic = await api.call('GET', '/v1/me', { headers: { authorization: `Basic ${ADMIN_TOKEN}` } });
      expect(basic.status).to.equal(401);
      expect(basic.headers.get('www-authenticate')).to.match(/^Bearer/);
    });

    it('given the seeded admin token, when calling GET /v1/me, then it answers the bootstrap admin principal', async () => {
      const response = await api.call('GET', '/v1/me', { token: ADMIN_TOKEN });
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ tokenId: 'bootstrap-admin', role: 'admin' });
    });

    it('given an unknown path under /v1 without a token, then 401 comes before 404', async () => {
      expect((await api.call('GET', '/v1/no-such-thing')).status).to.equal(401);
      expect((await api.call('GET', '/v1/no-such-thing', { token: ADMIN_TOKEN })).status).to.equal(404);
    });
  });

  describe('issuing, listing and revoking', () => {
    it('given the admin issues a viewer token, then 201 shows it once and it works at once on GET /v1/me', async () => {
      const response = await issue({ name: 'dashboard', role: 'viewer' });
      expect(response.status).to.equal(201);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const body = (await response.json()) as { id: string; name: string; role: string; token: string };
      expect(Object.keys(body).sort()).to.deep.equal(['expiresAt', 'id', 'name', 'role', 'token']);
      expect(body).to.include({ name: 'dashboard', role: 'viewer' });
      expect(body.token).to.match(/^shub_[A-Za-z0-9_-]{43}$/);

      // The read models lag 150 ms behind; the 201 came only once authentication could see the token.
      const me = await api.call('GET', '/v1/me', { token: body.token });
      expect(me.status).to.equal(200);
      expect(await me.json()).to.deep.equal({ tokenId: body.id, role: 'viewer' });
    });

    it('given a viewer token, when it calls an admin route, then 403 problem naming the admin role', async () => {
      const { token } = (await (await issue({ name: 'dashboard', role: 'viewer' })).json()) as { token: string };
      const response = await api.call('GET', '/v1/tokens', { token });
      expect(response.status).to.equal(403);
      const body = await problem(response);
      expect(body).to.include({ status: 403, title: 'Forbidden', requiredRole: 'admin' });
      expect(body.detail).to.match(/needs the admin role; the access token has the viewer role/);
    });

    it('given an operator token, when it issues a token, then 403: operators cannot manage tokens', async () => {
      const { token } = (await (await issue({ name: 'ops', role: 'operator' })).json()) as { token: string };
      const response = await api.call('POST', '/v1/tokens', { token, body: { name: 'x', role: 'admin' } });
      expect(response.status).to.equal(403);
    });

    it('given a revoked token, when used, then 401; revoking it again is 409 and an unknown id is 404', async () => {
      const { id, token } = (await (await issue({ name: 'temp', role: 'operator' })).json()) as { id: string; token: string };
      const revoked = await api.call('DELETE', `/v1/tokens/${id}`, { token: ADMIN_TOKEN });
      expect(revoked.status).to.equal(204);
      expect((await api.call('GET', '/v1/me', { token })).status).to.equal(401);

      const again = await api.call('DELETE', `/v1/tokens/${id}`, { token: ADMIN_TOKEN });
      expect(again.status).to.equal(409);
      expect((await problem(again)).detail).to.match(/revoked already/);

      const unknown = await api.call('DELETE', '/v1/tokens/00000000-0000-0000-0000-000000000000', { token: ADMIN_TOKEN });
      expect(unknown.status).to.equal(404);
      expect((await problem(unknown)).detail).to.match(/No access token with id 00000000/);
      expect((await api.call('DELETE', '/v1/tokens/not%20an%20id', { token: ADMIN_TOKEN })).status).to.equal(404);
    });

    it('given a token issued with expiresAt, when used before it, then it works; after it, then 401; and the list shows when it expires', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const issued = (await (await issue({ name: 'contractor', role: 'viewer', expiresAt })).json()) as { id: string; token: string; expiresAt: string };
      expect(issued.expiresAt).to.equal(expiresAt);
      expect((await api.call('GET', '/v1/me', { token: issued.token })).status).to.equal(200);
      try {
        apiNow = new Date(Date.now() + 2 * 3_600_000);
        // A current principal is remembered for a second.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const refused = await api.call('GET', '/v1/me', { token: issued.token });
        expect(refused.status).to.equal(401);
        expect(((await refused.json()) as { detail: string }).detail).to.match(/unknown or revoked|expired/);
      } finally {
        apiNow = undefined;
      }
      const listed = (await (await api.call('GET', '/v1/tokens?limit=100', { token: ADMIN_TOKEN })).json()) as { items: { id: string; expiresAt: string | null }[] };
      expect(listed.items.find((item) => item.id === issued.id)?.expiresAt).to.equal(expiresAt);
    });

    it('given an expiresAt in the past or not a time, when issuing, then 400 names expiresAt and no token is issued', async () => {
      for (const expiresAt of ['2001-01-01T00:00:00Z', 'tomorrow', '2026-02-30T00:00:00Z']) {
        const response = await issue({ name: 'late', role: 'viewer', expiresAt });
        expect(response.status, expiresAt).to.equal(400);
        expect(JSON.stringify(await response.json())).to.contain('expiresAt');
      }
    });

    it('given tokens were issued, then GET /v1/tokens pages them without hashes or tokens, and no log line holds a token', async () => {
      const viewer = (await (await issue({ name: 'viewer', role: 'viewer' })).json()) as { id: string; token: string };
      await issue({ name: 'operator', role: 'operator' });
      await api.call('GET', '/v1/me', { token: viewer.token });

      const response = await api.call('GET', '/v1/tokens?page=1&limit=2', { token: ADMIN_TOKEN });
      expect(response.status).to.equal(200);
      const text = await response.text();
      const page = JSON.parse(text) as { items: Record<string, unknown>[]; total: number; page: number; limit: number };
      expect(page).to.include({ total: 3, page: 1, limit: 2 });
      expect(page.items).to.have.length(2);
      expect(Object.keys(page.items[0]).sort()).to.deep.equal(['expiresAt', 'id', 'issuedAt', 'name', 'revokedAt', 'role']);
      const secondPage = (await (await api.call('GET', '/v1/tokens?page=2&limit=2', { token: ADMIN_TOKEN })).json()) as typeof page;
      expect(secondPage.items).to.have.length(1);
      const listed = [...page.items, ...secondPage.items].map((item) => item.name).sort();
      expect(listed).to.deep.equal(['bootstrap admin (SYNCHUB_ADMIN_TOKEN)', 'operator', 'viewer']);

      for (const secret of [viewer.token, ADMIN_TOKEN, hashAccessToken(viewer.token), hashAccessToken(ADMIN_TOKEN)]) {
        expect(text).not.to.contain(secret);
        expect(api.logLines.join('')).not.to.contain(secret);
      }
      expect(api.logLines.some((line) => line.includes('"path":"/v1/tokens"'))).to.equal(true);
    });

    it('given a logged object carrying a token or an Authorization header, then the logger redacts them', () => {
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
      logger.info({ token: 'shub_secret1', headers: { authorization: 'Bearer shub_secret2' }, body: { token: 'shub_secret3' } }, 'x');
      expect(lines).to.have.length(1);
      expect(lines[0]).not.to.match(/shub_secret/);
      expect(lines[0]).to.contain('[redacted]');
    });
  });

  describe('the bootstrap admin token', () => {
    it('given SYNCHUB_ADMIN_TOKEN changed, when seeded again, then only the new token works, and a restart changes nothing', async () => {
      const next = 'the-next-bootstrap-admin-token-0002';
      expect((await api.seed(next)).outcome).to.equal('rotated');
      expect((await api.call('GET', '/v1/me', { token: ADMIN_TOKEN })).status).to.equal(401);
      const me = await api.call('GET', '/v1/me', { token: next });
      expect(me.status).to.equal(200);
      expect(await me.json()).to.deep.equal({ tokenId: 'bootstrap-admin', role: 'admin' });
      expect((await api.seed(next)).outcome).to.equal('unchanged');
    });

    it('given the bootstrap token was revoked through the API, when seeded with it again, then it stays revoked', async () => {
      expect((await api.call('DELETE', '/v1/tokens/bootstrap-admin', { token: ADMIN_TOKEN })).status).to.equal(204);
      expect((await api.seed(ADMIN_TOKEN)).outcome).to.equal('revoked');
      expect((await api.call('GET', '/v1/me', { token: ADMIN_TOKEN })).status).to.equal(401);
    });
  });

  describe('request validation', () => {
    it('given an unknown field, then 400 problem naming it', async () => {
      const response = await issue({ name: 'x', role: 'viewer', scopes: ['all'] });
      expect(response.status).to.equal(400);
      const body = await problem(response);
      expect(body).to.include({ title: 'Bad Request', detail: '1 invalid field(s)' });
      expect(body.errors).to.deep.equal([{ field: 'scopes', reason: 'property scopes should not exist' }]);
    });

    it('given wrong types and values, then 400 names every bad field', async () => {
      const response = await issue({ name: 42, role: 'owner' });
      const body = await problem(response);
      expect(response.status).to.equal(400);
      expect(body.detail).to.equal('2 invalid field(s)');
      const errors = body.errors as { field: string; reason: string }[];
      expect(errors.map((e) => e.field)).to.deep.equal(['name', 'role']);
      expect(errors[0].reason).to.contain('name must be a string');
      expect(errors[1].reason).to.contain('role must be one of the following values: viewer, operator, admin');
    });

    it('given a query value that is not a number, then 400 names it; numbers in the query arrive as numbers', async () => {
      const bad = await api.call('GET', '/v1/tokens?page=abc&limit=500&sort=name', { token: ADMIN_TOKEN });
      expect(bad.status).to.equal(400);
      const body = await problem(bad);
      expect((body.errors as { field: string }[]).map((e) => e.field).sort()).to.deep.equal(['limit', 'page', 'sort']);
      const good = (await (await api.call('GET', '/v1/tokens?limit=5', { token: ADMIN_TOKEN })).json()) as { page: unknown; limit: unknown };
      expect(good).to.include({ page: 1, limit: 5 });
    });

    it('given a body that is not JSON, is malformed JSON, or is a JSON array, then 400 problem+json', async () => {
      const text = await api.call('POST', '/v1/tokens', { token: ADMIN_TOKEN, body: 'name=x', headers: { 'content-type': 'text/plain' } });
      expect(text.status).to.equal(400);
      expect((await problem(text)).detail).to.match(/must be a JSON object/);

      const malformed = await api.call('POST', '/v1/tokens', { token: ADMIN_TOKEN, body: '{"name": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).to.equal(400);
      expect((await problem(malformed)).detail).to.match(/not valid JSON/);

      const array = await issue([{ name: 'x', role: 'viewer' }]);
      expect(array.status).to.equal(400);
      expect((await problem(array)).detail).to.match(/must be a JSON object/);
    });

    it('given a body over 1 MB, then 413 problem+json', async () => {
      const response = await issue({ name: 'x'.repeat(1_100_000), role: 'viewer' });
      expect(response.status).to.equal(413);
      expect(await problem(response)).to.include({ status: 413, title: 'Content Too Large' });
    });

    describe('with nested DTOs', () => {
      class StatusMapping {
        @IsIn(['keycrm', 'cartum'])
        platform!: string;

        @IsString()
        status!: string;
      }
      class StatusMapBody {
        @IsArray()
        @ValidateNested({ each: true })
        @Type(() => StatusMapping)
        statusMap!: StatusMapping[];
      }

      let server: Server;
      let base: string;
      before(async () => {
        const app = express();
        app.use(express.json());
        app.post('/status-map', validateBody(StatusMapBody), (_req, res) => {
          const body = res.locals.body as StatusMapBody;
          res.json({ dto: body instanceof StatusMapBody, items: body.statusMap.every((item) => item instanceof StatusMapping) });
        });
        app.use(problemHandler(createLogger('silent')));
        server = app.listen(0, '127.0.0.1');
        await once(server, 'listening');
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      after(async () => new Promise<void>((resolve) => server.close(() => resolve())));

      const post = (body: unknown) =>
        fetch(`${base}/status-map`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      it('given a bad item in a nested array, then every bad field is named with its path', async () => {
        const response = await post({
          statusMap: [
            { platform: 'keycrm', status: 'new' },
            { platform: 'ebay', status: 7, colour: 'red' },
          ],
        });
        expect(response.status).to.equal(400);
        const body = await problem(response);
        expect(body.detail).to.equal('3 invalid field(s)');
        const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
        expect(fields).to.deep.equal(['statusMap[1].colour', 'statusMap[1].platform', 'statusMap[1].status']);
      });

      it('given a valid nested body, then the route gets DTO instances all the way down', async () => {
        const response = await post({ statusMap: [{ platform: 'cartum', status: 'paid' }] });
        expect(response.status).to.equal(200);
        expect(await response.json()).to.deep.equal({ dto: true, items: true });
      });
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { API_ROUTES, type ApiRoute } from '../../src/interfaces/http/openapi/apiRoutes.js';
import { dtoSchemas } from '../../src/interfaces/http/openapi/dtoSchemas.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

/** Runs per route and property: every route of the table is covered, so this stays small. */
const RUNS = 25;
const STACK_LINE = /\n\s+at |\bat [\w.<>]+ \(|node:internal|\/src\/|\.js:\d+/;

/** Field names the route's DTO knows, so generated bodies reach the validators of real fields, not just "unknown field". */
function fieldsOf(dto: ApiRoute['body'] | ApiRoute['query']): string[] {
  if (!dto) return [];
  const schema = dtoSchemas([dto])[dto.name] as { properties?: Record<string, unknown> };
  return Object.keys(schema?.properties ?? {});
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', "'; DROP TABLE events; --", '<script>', '../../etc/passwd', '%', '%zz', '1e309', '-1', 'NaN', '__proto__', 'constructor', 'x'.repeat(5000)),
);
const idLike = fc.oneof(fc.uuid(), hostileText, fc.integer().map(String));

function bodyFor(route: ApiRoute) {
  const fields = fieldsOf(route.body);
  const shaped = fields.length
    ? fc.dictionary(fc.constantFrom(...fields), fc.oneof(anyJson, hostileText), { maxKeys: fields.length })
    : fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 4 });
  return fc.oneof(
    shaped.map((value) => JSON.stringify(value)),
    anyJson.map((value) => JSON.stringify(value)),
    fc.constantFrom('{', '{"a":', 'null', '[]', '"text"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'),
  );
}

function queryFor(route: ApiRoute) {
  const names = [...fieldsOf(route.query), 'page', 'limit', 'x'];
  return fc
    .array(fc.tuple(fc.constantFrom(...names), fc.oneof(hostileText, fc.integer().map(String))), { maxLength: 5 })
    .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&'));
}

/** Path parameters go in raw as well as encoded: a broken %-escape is input too. */
function pathFor(route: ApiRoute, ids: string[], raw: boolean): string {
  let index = 0;
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const id = name === 'name' && index % 2 === 0 ? 'import-orders' : ids[index++ % ids.length];
    return raw ? id.replace(/[\s/?#]/g, '') || 'x' : encodeURIComponent(id);
  });
}

describe('security: arbitrary API input never gives a 500 or a stack trace', function () {
  this.timeout(120_000);
  let api: SynchubApi;
  let failures: string[] = [];
  beforeEach(() => (failures = []));

  before(async () => {
    api = await startSynchubApi({ automations: true });
  });

  after(async () => {
    const errors = api.logLines.filter((line) => /"level":50/.test(line));
    await api?.close();
    expect(errors, 'requests that failed inside synchub').to.deep.equal([]);
  });

  async function send(method: string, path: string, body?: string, contentType = 'application/json') {
    const response = await fetch(`${api.base}${path}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
  }

  function check(what: string, answer: { status: number; text: string }): boolean {
    const ok = answer.status < 500 && !STACK_LINE.test(answer.text);
    if (!ok) failures.push(`${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
    return ok;
  }

  for (const route of API_ROUTES) {
    const method = route.method;
    it(`${method.toUpperCase()} ${route.path}: arbitrary ${route.body ? 'bodies, ' : ''}query strings and path ids`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(idLike, { minLength: 3, maxLength: 3 }),
          fc.boolean(),
          queryFor(route),
          method === 'get' || method === 'delete' ? fc.constant(undefined) : bodyFor(route),
          async (ids, raw, query, body) => {
            const path = `${pathFor(route, ids, raw)}${query ? `?${query}` : ''}`;
            return check(`${method} ${path} ${body?.slice(0, 200) ?? ''}`, await send(method, path, body));
          },
        ),
        { numRuns: RUNS },
      );
      expect(failures.slice(0, 5)).to.deep.equal([]);
    });
  }

  it('given an id no order can have (a NUL), when an order action is sent with a valid body, then 404, not the database refusing the NUL', async () => {
    for (const [path, body] of [
      ['/v1/orders/%00/status-push/abandon', { reason: ' ' }],
      ['/v1/orders/%00/status', { status: 'paid' }],
      ['/v1/orders/%00/shipment', { trackingCode: '20450000000000', shippedOn: '2026-11-26' }],
      ['/v1/orders/%00/write-off', undefined],
    ] as const) {
      const answer = await send('post', path, body === undefined ? undefined : JSON.stringify(body));
      expect(answer.status, `${path} ${answer.text}`).to.equal(404);
    }
  });

  for (const route of API_ROUTES.filter((r) => r.body || r.rawBody)) {
    it(`${route.method.toUpperCase()} ${route.path}: a body over the limit gets 413 as problem+json`, async () => {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'name' ? 'import-orders' : '00000000-0000-4000-8000-000000000000'));
      const huge = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
      const answer = await send(route.method, path, huge);
      expect(answer.status, answer.text.slice(0, 300)).to.equal(413);
      expect(answer.type).to.match(/^application\/problem\+json/);
      expect(JSON.parse(answer.text)).to.include({ status: 413 });
    });
  }
});

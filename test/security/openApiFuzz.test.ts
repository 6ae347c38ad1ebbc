// Requests generated from /openapi.json itself, for every operation: valid ones (fast-check arbitraries built from the
// document's own request schemas) and mutated ones. Every answer must be below 500, documented for its operation, and
// match the documented schema (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
import { expect } from 'chai';
import fc from 'fast-check';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  operation: Schema;
}
interface GeneratedRequest {
  method: string;
  path: string;
  query: string;
  body?: string;
}

/** At least this many requests in all, over every operation, within the time below. */
const REQUESTS = 5_000;
const TIME_LIMIT_MS = 55_000;
const IN_FLIGHT = 16;
/** The requests and their order come from this seed: FUZZ_SEED=<seed> draws a failing run's requests again. */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const HOSTILE_TEXT = ['', ' ', '\u0000', '\ud800', "'; DROP TABLE events; --", '<script>', '../../etc/passwd', '%zz', '1e309', '-1', 'NaN', '__proto__', 'x'.repeat(3000)];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_TEXT, null, -1, 0, 1e18, 1.5, true, [], {}, [1, [2, [3]]], { constructor: { prototype: {} } }];
/** Base URLs that are valid and refused at once by the outbound policy, so no sync waits on a network. */
const SAFE_BASE_URLS = ['http://169.254.169.254/v1', 'http://10.255.255.1/v1'];
const CREDENTIALS = [{ apiKey: 'fuzz-api-key' }, { login: 'fuzz', password: 'fuzz-password' }, { consumerKey: 'ck_fuzz', consumerSecret: 'cs_fuzz' }, { accessToken: 'shpat_fuzz' }];

/** %-encoding; a lone surrogate has no UTF-8, so it goes as the bytes a careless client would send. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function resolve(document: Schema, schema: Schema): Schema {
  let current = schema;
  while (current?.$ref) current = current.$ref.split('/').slice(1).reduce((node: Schema, key: string) => node[key], document);
  return current ?? {};
}

/** A valid value of `schema`, as the document describes it; `ids` stand in for fields that name existing things. */
function valueOf(document: Schema, input: Schema, ids: string[], name = ''): fc.Arbitrary<unknown> {
  const schema = resolve(document, input);
  if (name === 'baseUrl') return fc.constantFrom(...SAFE_BASE_URLS);
  if (name === 'credentials') return fc.constantFrom(...CREDENTIALS);
  if (/(^id|Id)$/.test(name)) return fc.constantFrom(...ids);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf || schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((option: Schema) => valueOf(document, option, ids, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return textOf(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: Math.min(schema.maximum ?? 1_000_000, 1_000_000_000) });
    case 'number':
      return fc.integer({ min: Math.ceil(schema.minimum ?? 0), max: Math.min(schema.maximum ?? 10_000, 10_000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueOf(document, schema.items ?? {}, ids), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
      if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
      const record = Object.fromEntries(properties.map(([key, property]) => [key, valueOf(document, property, ids, key)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []) as string[] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function textOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200));
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
}

/** A valid value with one thing wrong: a required field gone, a field of the wrong kind, an unknown or hostile key, or no object at all. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(...HOSTILE_VALUES);
  return fc.oneof(
    fc.tuple(valid, fc.nat(), hostile).map(([value, pick, bad]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad;
      const keys = Object.keys(value);
      if (keys.length === 0) return { unknownField: bad };
      return { ...value, [keys[pick % keys.length]]: bad };
    }),
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const keys = Object.keys(value);
      const copy: Record<string, unknown> = { ...value };
      delete copy[keys[pick % Math.max(1, keys.length)]];
      return copy;
    }),
    fc.tuple(valid, fc.constantFrom('colour', '__proto__', 'constructor', 'prototype', '\ud800'), hostile).map(([value, key, bad]) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(bad) ?? 'null'},${JSON.stringify(value).slice(1)}`.replace(/,}$/, '}')) : value,
    ),
    fc.constantFrom<unknown>(null, [], 'text', 42, JSON.parse(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`)),
  );
}

function requestsOf(document: Schema, { method, path, operation }: Operation, ids: string[]): fc.Arbitrary<GeneratedRequest> {
  const parameters = (operation.parameters ?? []) as Schema[];
  const pathParameters = parameters.filter((p) => p.in === 'path');
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const pathValue = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.constantFrom(...HOSTILE_TEXT.filter(Boolean)), fc.uuid());
  const pathArbitrary = fc.tuple(...pathParameters.map((parameter) => (parameter.name === 'name' ? fc.oneof(fc.constantFrom('import-orders', 'push-stock', 'sync-statuses'), pathValue) : pathValue)));
  const queryValues = fc.record(
    Object.fromEntries(queryParameters.map((parameter) => [parameter.name, fc.oneof({ weight: 3, arbitrary: valueOf(document, parameter.schema, ids, parameter.name) }, fc.constantFrom(...HOSTILE_VALUES))])),
    { requiredKeys: [] },
  );
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const validBody = bodySchema ? valueOf(document, bodySchema, ids) : fc.constant(undefined);
  const body = bodySchema ? fc.oneof({ weight: 2, arbitrary: validBody }, { weight: 3, arbitrary: mutated(validBody) }) : fc.constant(undefined);
  return fc.tuple(pathArbitrary, queryValues, body, fc.boolean()).map(([pathValues, query, value, unknownQuery]) => {
    let index = 0;
    const concrete = path.replace(/\{(\w+)\}/g, () => encoded(String(pathValues[index++])));
    const pairs = Object.entries(query).map(([key, item]) => `${encoded(key)}=${encoded(typeof item === 'string' ? item : JSON.stringify(item))}`);
    if (unknownQuery && pairs.length > 0) pairs.push('x=1');
    return { method: method.toUpperCase(), path: concrete, query: pairs.join('&'), body: value === undefined ? undefined : JSON.stringify(value) };
  });
}

describe('security: requests generated from /openapi.json never get a 5xx or an answer its document does not describe', function () {
  this.timeout(TIME_LIMIT_MS + 60_000);
  let api: SynchubApi;
  let document: Schema;
  const ids: string[] = [];
  before(async () => {
    api = await startSynchubApi({ automations: true });
    document = (await (await fetch(`${api.base}/openapi.json`)).json()) as Schema;
    const integration = await api.call('POST', '/v1/integrations', { name: 'Fuzz', platform: 'keycrm', storeName: 'Shop', baseUrl: SAFE_BASE_URLS[0], currency: 'UAH', credentials: CREDENTIALS[0] });
    const woo = await api.call('POST', '/v1/integrations', { name: 'Fuzz Woo', platform: 'woocommerce', storeName: 'Shop', baseUrl: SAFE_BASE_URLS[1], currency: 'EUR', credentials: { consumerKey: 'ck_f', consumerSecret: 'cs_f', webhookSecret: 'wh_f' } });
    const order = await api.call('POST', '/v1/orders', { number: 'F-1', currency: 'UAH', customer: { firstName: 'Fu', lastName: 'Zz', phone: '+380501112299', email: '' }, items: [{ name: 'Mug', sku: 'FZ-1', quantity: 1, price: 10 }] });
    const run = await api.sync(integration.body.id);
    const products = await api.call('GET', '/v1/products?limit=1');
    const token = await api.call('POST', '/v1/tokens', { name: 'fuzz viewer', role: 'viewer' });
    ids.push(integration.body.id, woo.body.id, order.body.id, order.body.customer.contactId, run.id, products.body.items[0].id, token.body.id);
  });
  after(() => api?.close());

  it(`given every operation of the document, when ${REQUESTS} valid and mutated requests are sent, then every answer is < 500, documented, and matches its schema`, async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'synchub-openapi', components: document.components });
    const validators = new Map<string, ValidateFunction>();
    const validatorOf = (schema: Schema) => {
      const key = JSON.stringify(schema);
      if (!validators.has(key)) validators.set(key, ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"synchub-openapi#/components/'))));
      return validators.get(key)!;
    };

    const operations: Operation[] = Object.entries(document.paths as Record<string, Record<string, Schema>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
    const perOperationCount = Math.ceil(REQUESTS / operations.length) + 5;
    const samples = operations.map((operation, index) => ({ operation, requests: fc.sample(requestsOf(document, operation, ids), { numRuns: perOperationCount, seed: SEED + index }) }));
    const drawn = samples.flatMap(({ operation, requests }) => requests.map((request) => ({ operation, request })));
    // Interleaved, so writes of one operation meet reads of another; the order is the seed's too.
    const places = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { numRuns: drawn.length, seed: SEED });
    const queue = drawn.map((entry, index) => ({ ...entry, place: places[index] })).sort((a, b) => a.place - b.place);

    const problems: string[] = [];
    const perOperation = new Map<string, number>();
    let sent = 0;
    const deadline = Date.now() + TIME_LIMIT_MS;
    async function worker() {
      for (let next = queue.pop(); next && Date.now() < deadline; next = queue.pop()) {
        const { operation, request } = next;
        const response = await fetch(`${api.base}${request.path}${request.query ? `?${request.query}` : ''}`, {
          method: request.method,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: request.body,
        });
        const text = await response.text();
        sent++;
        const name = `${operation.method.toUpperCase()} ${operation.path}`;
        perOperation.set(name, (perOperation.get(name) ?? 0) + 1);
        const what = `${request.method} ${request.path}?${request.query} ${request.body?.slice(0, 200) ?? ''} → ${response.status} ${text.slice(0, 300)}`;
        if (response.status >= 500) {
          problems.push(`5xx: ${what}`);
          continue;
        }
        const documented = operation.operation.responses[String(response.status)];
        if (!documented) {
          problems.push(`undocumented status: ${what}`);
          continue;
        }
        const contentType = (response.headers.get('content-type') ?? '').split(';')[0];
        const schema = documented.content?.[contentType]?.schema;
        if (documented.content && !schema) problems.push(`undocumented content type ${contentType}: ${what}`);
        // One JSON document (application/json, application/problem+json); ndjson lines are not one.
        if (!schema || !/^application\/([\w.-]+\+)?json$/.test(contentType)) continue;
        const validate = validatorOf(schema);
        if (!validate(JSON.parse(text))) problems.push(`schema mismatch ${ajv.errorsText(validate.errors)}: ${what}`);
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await api.syncsDone();

    expect(problems.slice(0, 10), `${problems.length} of ${sent} answers (FUZZ_SEED=${SEED} draws these requests again)`).to.deep.equal([]);
    expect(sent, `requests sent within ${TIME_LIMIT_MS} ms`).to.be.at.least(REQUESTS);
    expect([...perOperation.keys()].sort()).to.deep.equal(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    const errors = api.logLines.filter((line) => /"level":50/.test(line));
    expect(errors, 'requests that failed inside synchub').to.deep.equal([]);
  });
});

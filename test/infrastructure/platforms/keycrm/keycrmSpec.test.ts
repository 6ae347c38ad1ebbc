import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { KeycrmClient } from '../../../../src/infrastructure/platforms/keycrm/keycrmClient.js';
import { KEYCRM_READS } from '../../../../src/infrastructure/platforms/keycrm/keycrmSpecFields.js';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../../../simulators/keycrm/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

// KeyCRM's published OpenAPI, kept as a fixture: both the simulator's answers and the adapter's reads are held to it.
type Schema = Record<string, any>;
const spec = parse(readFileSync(new URL('../../../../../test/fixtures/keycrm/keycrm-open-api.yml', import.meta.url), 'utf8')) as Schema;
const schemas: Record<string, Schema> = spec.components.schemas;
const API_KEY = 'spec-test-key-3c8e';

/** The schema with every object closed: a field the spec does not have is an error, not an extra. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'example' ? value : closed(value)]));
  if (copy.properties && copy.additionalProperties === undefined && copy.type === 'object') copy.additionalProperties = false;
  return copy;
}

/** An allOf of objects (PaginatedResponse + its data) as one object, so closing it keeps the fields of every part. */
function merged(schema: Schema): Schema {
  if (!schema.allOf) return schema;
  const parts = (schema.allOf as Schema[]).map((part) => (part.$ref ? schemas[part.$ref.split('/').pop()] : part));
  return { type: 'object', properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})) };
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'keycrm', components: { schemas: closed(schemas) } });

/** The spec's operation for a request the adapter sent: its path template matched, its answer's schema closed. */
function answerSchema(method: string, path: string, status: number): ValidateFunction {
  // A literal path (/order/source) before a template that would also match it (/order/{orderId}).
  const byLiteralFirst = Object.keys(spec.paths).sort((a, b) => a.split('{').length - b.split('{').length);
  const template = byLiteralFirst.find((candidate) => new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  expect(template, `${method} ${path} is an operation of the spec`).to.be.a('string');
  const operation = spec.paths[template!][method.toLowerCase()];
  expect(operation, `${method} ${template} is in the spec`).to.be.an('object');
  const content = operation.responses[String(status)]?.content?.['application/json']?.schema;
  expect(content, `${method} ${template} answers ${status} with a JSON schema`).to.be.an('object');
  const resolved = content.$ref ? { $ref: `keycrm${content.$ref}` } : closed(withRefsTo(merged(content)));
  return ajv.compile(resolved as Schema);
}

/** References inside an inline schema point into the added spec document. */
function withRefsTo(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withRefsTo);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === '$ref' ? `keycrm${value}` : withRefsTo(value)]));
}

/** The schema at a path like "OrderWithIncludes.products[].offer". */
function schemaAt(path: string): Schema | undefined {
  let current: Schema | undefined;
  for (const [index, step] of path.split('.').entries()) {
    const name = step.replace(/\[\]$/, '');
    current = index === 0 ? schemas[name] : current?.properties?.[name];
    if (current?.$ref) current = schemas[current.$ref.split('/').pop()];
    if (step.endsWith('[]')) current = current?.items;
  }
  return current;
}

interface Answered {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

describe('KeyCRM by its published OpenAPI: the simulator answers and the adapter reads only what the spec defines', function () {
  before(allowLocalPlatforms);
  this.timeout(30_000);
  let simulator: KeycrmSimulator;
  const answered: Answered[] = [];

  before(async () => {
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, requestsPerMinute: 0, seedOrders: seedKeycrmOrders({ count: 80, startAt: new Date('2024-05-01T00:00:00Z'), seed: 18 }) });
    // Every answer the adapter receives is kept as it came, to be judged against the spec.
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(String(input));
      const text = await response.clone().text();
      answered.push({ method: init?.method ?? 'GET', path: url.pathname.replace(/^\/v1/, ''), status: response.status, body: text ? JSON.parse(text) : undefined });
      return response;
    };
    const client = new KeycrmClient({ baseUrl: simulator.baseUrl, apiKey: API_KEY, requestsPerMinute: 10_000, fetch: recording });
    const orders = [];
    for await (const page of client.ordersUpdatedBetween({ from: new Date('2024-04-01T00:00:00Z'), to: new Date('2024-07-01T00:00:00Z') })) orders.push(...page);
    expect(orders.filter((fetched) => fetched.kind === 'order')).to.have.length(80);
    await client.order('5');
    await client.statuses();
    await client.changeOrderStatus('5', '4');
    await client.sendDeliveryInfo('6', { trackingCode: '20450000000001', shippedOn: '2024-05-03' });
    await client.deliveredOn('6');
    for await (const page of client.products()) expect(page.length).to.be.greaterThan(0);
    await client.publishProduct({ sku: simulator.catalogue[0]!.sku as string, name: 'Known', description: '' });
    await client.publishProduct({ sku: 'NEW-ARTICLE-1', name: 'New mug', description: 'White' });
    await client.pushStock([{ sku: simulator.catalogue[0]!.sku as string, quantity: 3 }], '1');
  });

  after(async () => simulator?.close());

  it('given every request the adapter made, then each is an operation the spec has, answered as the spec says (no extra field, no undue null)', () => {
    const operations = new Set(answered.map((answer) => `${answer.method} ${answer.path.replace(/\d+/g, '{id}')}`));
    expect([...operations].sort()).to.deep.equal([
      'GET /offers', 'GET /order', 'GET /order/delivery-service', 'GET /order/source', 'GET /order/status', 'GET /order/{id}',
      'GET /products', 'GET /products/categories', 'POST /products', 'PUT /offers/stocks', 'PUT /order/{id}',
    ]);
    for (const answer of answered) {
      const validate = answerSchema(answer.method, answer.path, answer.status);
      const valid = validate(answer.body);
      expect(valid, `${answer.method} ${answer.path}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
    }
  });

  it('given an answer with a field the spec lacks or a null it does not allow, then the check fails (it can fail)', () => {
    const list = answered.find((answer) => answer.method === 'GET' && answer.path === '/order')!;
    const validate = answerSchema('GET', '/order', 200);
    const page = list.body as { data: Record<string, unknown>[] };
    expect(validate({ ...page, data: [{ ...page.data[0], manager_id: 1 }] }), 'manager_id on a read order').to.equal(false);
    expect(validate({ ...page, data: [{ ...page.data[0], promocode: null }] }), 'promocode: null').to.equal(false);
    expect(validate({ ...page, last_page: 2 }), 'last_page').to.equal(false);
  });

  it('given the fields the adapter reads, then each is a field of its schema in the spec', () => {
    for (const [name, { schema, fields }] of Object.entries(KEYCRM_READS)) {
      const properties = schemaAt(schema)?.properties;
      expect(properties, `${name}: ${schema} is a schema of the spec`).to.be.an('object');
      for (const field of fields) expect(properties, `${name}: ${schema}.${field}`).to.have.property(field);
    }
  });

  it('given the associations the adapter asks orders for, then each is one the spec names for GET /order', () => {
    // Listed under the include parameter, or named by OrderWithIncludes itself ("returned only with include=shipping").
    const parameter = (spec.paths['/order'].get.parameters as Schema[]).find((candidate) => candidate.name === 'include')!;
    const listed = [...parameter.description.matchAll(/`([a-z_.]+)`/gi)].map((match) => match[1]);
    const described = Object.values(schemas.OrderWithIncludes.properties as Record<string, Schema>).flatMap((property) => [...String(property.description ?? '').matchAll(/include=([a-z_.]+)/gi)].map((match) => match[1]));
    const asked = new URL(simulator.requests.find((request) => request.url.startsWith('/v1/order?'))!.url, 'http://x').searchParams.get('include')!.split(',');
    expect(asked).to.deep.equal(['buyer', 'products.offer', 'manager', 'shipping']);
    for (const association of asked) expect([...listed, ...described], association).to.include(association);
    expect([...listed, ...described]).to.not.include('category');
  });
});

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { Express } from 'express';
import { seedAdminToken } from '../../../src/application/accessTokens/seedAdminToken.js';
import type { AutomationControls } from '../../../src/application/automations/automationControls.js';
import type { PlatformClients } from '../../../src/application/ports/platformClient.js';
import type { Secrets } from '../../../src/application/ports/secrets.js';
import { accessTokensProjection } from '../../../src/application/projections/accessTokensProjection.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { createLogger } from '../../../src/infrastructure/logging/logger.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { createApp } from '../../../src/interfaces/http/app.js';
import { API_ROUTES } from '../../../src/interfaces/http/openapi/apiRoutes.js';
import { buildOpenApiDocument, openApiPath } from '../../../src/interfaces/http/openapi/openApiDocument.js';

const ADMIN_TOKEN = 'openapi-drift-admin-token-0001';
type Doc = any;

/** Every method + path express actually serves, walking nested routers and their mount paths. */
function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      const raw: string = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
      if (layer.route) {
        const path = join(prefix, layer.route.path as string);
        for (const method of Object.keys(layer.route.methods)) if (method !== '_all') found.push(`${method.toUpperCase()} ${path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack, join(prefix, raw));
      }
    }
  };
  walk((app as any).router.stack, '');
  return [...new Set(found)].sort();
}
const join = (prefix: string, path: string) => `${prefix}/${path}`.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');

function documentedRoutes(doc: Doc): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
}

const transformerStorage = (createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: any }).defaultMetadataStorage;

/** Validated properties of a DTO class (inherited ones too), with the class each nested property is validated as. */
function dtoProperties(dto: Function): Map<string, Function | undefined> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const properties = new Map<string, Function | undefined>();
  for (const { propertyName, type } of metadata) {
    if (!properties.has(propertyName)) properties.set(propertyName, undefined);
    if (type === 'nestedValidation') {
      const nested = transformerStorage.findTypeMetadata(dto, propertyName)?.typeFunction() ?? Reflect.getMetadata('design:type', dto.prototype, propertyName);
      properties.set(propertyName, nested);
    }
  }
  return properties;
}

/** Follows $ref, allOf and array items down to an object schema's properties. */
function propertiesOf(doc: Doc, schema: any): Record<string, any> {
  if (!schema) return {};
  if (schema.$ref) return propertiesOf(doc, doc.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.type === 'array') return propertiesOf(doc, schema.items);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => propertiesOf(doc, s)));
  return schema.properties ?? {};
}

/** Every DTO field (nested ones as a.b) that the documented schema does not name, and every documented field the DTO lacks. */
function schemaDrift(doc: Doc, dto: Function, schema: any, path = '', root = dto.name): string[] {
  const documented = propertiesOf(doc, schema);
  const properties = dtoProperties(dto);
  const drift: string[] = [];
  for (const [name, nested] of properties) {
    if (!(name in documented)) drift.push(`${root}.${path}${name} is not documented`);
    else if (nested && nested !== Object && nested !== Array) drift.push(...schemaDrift(doc, nested, documented[name], `${path}${name}.`, root));
  }
  for (const name of Object.keys(documented)) if (!properties.has(name)) drift.push(`${root}.${path}${name} is documented but not accepted`);
  return drift;
}

describe('OpenAPI document', function () {
  this.timeout(30_000);
  let app: Express;
  let server: Server;
  let base: string;
  let doc: Doc;

  before(async () => {
    const eventStore = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    await seedAdminToken(eventStore, ADMIN_TOKEN);
    await new ProjectionRunner(eventStore, readModels, accessTokensProjection).catchUp();
    // Every optional part present, so every router is mounted; nothing below is called by a request that fails validation.
    const automations = {} as AutomationControls;
    const sync = { secrets: {} as Secrets, platforms: {} as PlatformClients, clock: () => new Date(), track: () => undefined };
    app = createApp({
      storage: { profile: 'memory', eventStore, readModels, close: async () => undefined },
      logger: createLogger('silent'),
      isShuttingDown: () => false,
      readModelsApplied: async () => true,
      automations,
      sync,
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).to.equal(200);
    doc = await response.json();
  });

  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('is OpenAPI 3.1 with a bearer scheme naming the roles', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).to.include({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.bearerAuth.description).to.contain('viewer < operator < admin');
    expect(doc.paths['/v1/orders'].post.security).to.deep.equal([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/orders'].post.description).to.contain('operator');
    expect(doc.paths['/health'].get.security).to.deep.equal([]);
    const operationIds = Object.values(doc.paths).flatMap((operations: any) => Object.values(operations).map((o: any) => o.operationId));
    expect(new Set(operationIds).size).to.equal(operationIds.length);
  });

  it('given the routes express serves, then each one is documented and nothing else is', () => {
    const served = servedRoutes(app);
    const documented = documentedRoutes(doc);
    expect(served.filter((r) => !documented.includes(r)), 'served but missing from /openapi.json').to.deep.equal([]);
    expect(documented.filter((r) => !served.includes(r)), 'documented but not served').to.deep.equal([]);
  });

  it('given each route with a body or query DTO, then every field of it is documented, nested ones too', () => {
    const drift = API_ROUTES.flatMap((route) => {
      const operation = doc.paths[openApiPath(route.path)][route.method];
      const body = route.body ? schemaDrift(doc, route.body, operation.requestBody?.content['application/json'].schema) : [];
      const parameters = Object.fromEntries(operation.parameters.filter((p: any) => p.in === 'query').map((p: any) => [p.name, p.schema]));
      const query = route.query ? schemaDrift(doc, route.query, { properties: parameters }) : [];
      return [...body, ...query].map((d) => `${route.method.toUpperCase()} ${route.path}: ${d}`);
    });
    expect(drift).to.deep.equal([]);
  });

  it('given a request that fails validation on each route, then the DTO the route really validates is the documented one', async () => {
    // class-validator looks up the rules of the class it validates first: recording that names the route's real DTO.
    const storage = getMetadataStorage() as any;
    const original = storage.getTargetValidationMetadatas;
    const validated: Function[] = [];
    storage.getTargetValidationMetadatas = function (target: Function, ...rest: unknown[]) {
      validated.push(target);
      return original.call(this, target, ...rest);
    };
    const mismatches: string[] = [];
    try {
      for (const route of API_ROUTES) {
        validated.length = 0;
        const path = route.path.replace(/:(\w+)/g, 'probe-$1');
        const reading = route.method === 'get';
        await fetch(`${base}${path}${reading ? '?undocumentedProbe=1' : ''}`, {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(reading ? {} : { 'content-type': 'application/json' }) },
          body: reading ? undefined : JSON.stringify({ undocumentedProbe: 1 }),
        }).then((r) => r.arrayBuffer());
        const expected = reading ? route.query : route.body;
        if (validated[0] !== expected) {
          mismatches.push(`${route.method.toUpperCase()} ${route.path} validates ${validated[0]?.name ?? 'nothing'}, documented: ${expected?.name ?? 'nothing'}`);
        }
      }
    } finally {
      storage.getTargetValidationMetadatas = original;
    }
    expect(mismatches).to.deep.equal([]);
  });

  it('given a list route, then page, limit and its filters are query parameters', () => {
    const names = doc.paths['/v1/orders'].get.parameters.map((p: any) => p.name);
    expect(names).to.include.members(['page', 'limit', 'store', 'integrationId', 'status']);
    const limit = doc.paths['/v1/orders'].get.parameters.find((p: any) => p.name === 'limit');
    expect(limit.schema).to.include({ type: 'integer', maximum: 100 });
    expect(doc.paths['/v1/orders/{id}'].get.parameters[0]).to.include({ name: 'id', in: 'path', required: true });
  });

  it('given an error answer, then it is application/problem+json with the Problem schema', () => {
    const responses = doc.paths['/v1/integrations'].post.responses;
    expect(Object.keys(responses)).to.include.members(['201', '400', '401', '403']);
    expect(responses['400'].content['application/problem+json'].schema.$ref).to.equal('#/components/schemas/Problem');
    expect(doc.components.schemas.Problem.required).to.include.members(['type', 'title', 'status']);
    expect(responses['201'].content['application/json'].schema.$ref).to.equal('#/components/schemas/Integration');
  });

  it('given a required DTO field, then the schema requires it', () => {
    expect(doc.components.schemas.CreateOrderBody.required).to.include.members(['number', 'customer', 'items', 'currency']);
    expect(doc.components.schemas.OrderItemBody.properties.quantity).to.include({ type: 'number' });
    expect(doc.components.schemas.CreateOrderBody.additionalProperties).to.equal(false);
  });

  it('serves /docs as a page that needs nothing from another origin', async () => {
    const response = await fetch(`${base}/docs`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/text\/html/);
    const html = await response.text();
    expect(html).to.contain('/openapi.json');
    expect(html).not.to.match(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  describe('the drift check itself', () => {
    class ProbeAddress {
      @IsString() city!: string;
      @IsOptional() @IsString() street?: string;
    }
    class ProbeBody {
      @IsInt() count!: number;
      @ValidateNested() @Type(() => ProbeAddress) address!: ProbeAddress;
    }

    it('given a DTO field left out of the document, top-level or nested, then it is reported', () => {
      const [route] = API_ROUTES;
      const document = buildOpenApiDocument([{ ...route, method: 'post', body: ProbeBody }]);
      const schemas = document.components as any;
      delete schemas.schemas.ProbeAddress.properties.street;
      delete schemas.schemas.ProbeBody.properties.count;
      const body = (document.paths as any)[openApiPath(route.path)].post.requestBody.content['application/json'].schema;
      expect(schemaDrift(document, ProbeBody, body)).to.deep.equal(['ProbeBody.count is not documented', 'ProbeBody.address.street is not documented']);
    });
  });
});

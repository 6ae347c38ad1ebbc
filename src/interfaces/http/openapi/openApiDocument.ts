// The OpenAPI 3.1 document: routes from the route table, request bodies and query parameters from the DTOs.
import { ROLES } from '../../../domain/accessToken/role.js';
import { API_ROUTES, PATH_PARAMETERS, type ApiRoute } from './apiRoutes.js';
import { dtoSchemas } from './dtoSchemas.js';
import { credentialsSchema } from './platformCredentials.js';
import { NEXT_PAGE_LINK, pageOf, RESPONSE_SCHEMAS, type Schema } from './responseSchemas.js';

/** What the paging parameters every list shares mean. */
const LIST_PARAMETERS: Record<string, string> = {
  page: 'Page number, from 1; not with after (other than 1)',
  limit: 'Items a page, 1–100',
  after: 'The nextCursor of the page before: the list goes on after its last item; a damaged cursor is a 400',
};

/** /v1/orders/:id → /v1/orders/{id} */
export const openApiPath = (template: string) => template.replace(/:(\w+)/g, '{$1}');

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid input: errors names every invalid field',
  401: 'No access token, or an unknown, revoked or expired one',
  403: "The token's role is too low for this route",
  404: 'Not found',
  409: 'Conflicts with the current state (code names the rule)',
  413: 'The body is larger than 1 MB',
  429: 'Too soon: see Retry-After',
  500: 'The request could not be completed',
  502: 'The platform refused the request',
  503: 'The platform or a store is unavailable: see Retry-After',
};

const ACCESS_TEXT: Record<ApiRoute['access'], string> = {
  public: 'No token needed.',
  token: 'Any current access token.',
  signature: "No token: the platform's signature over the raw body authenticates the delivery.",
  viewer: 'Role: viewer or higher (viewer < operator < admin).',
  operator: 'Role: operator or admin.',
  admin: 'Role: admin.',
};

export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES): Schema {
  const dtos = routes.flatMap((r) => [r.body, r.query].filter((dto) => dto !== undefined));
  const requestSchemas = withPlatformCredentials(dtoSchemas(dtos));
  const pages = new Set(routes.map((r) => r.success.schema).filter((s): s is string => s?.startsWith('Page<') ?? false));
  const pageSchemas = Object.fromEntries([...pages].map((page) => [pageName(page), pageOf(page.slice(5, -1))]));

  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route, requestSchemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'synchub',
      version: '0.1.0',
      description:
        "Keeps a back-office's orders, products and contacts in sync with sales platforms. Every route under /v1 needs " +
        '`Authorization: Bearer <token>`; a role allows everything the roles below it allow (viewer < operator < admin). ' +
        'Errors are application/problem+json (RFC 9457). Lists take page (from 1) and limit (1–100, default 20), or ' +
        'after: the nextCursor of the page before, so a deep page costs what the first does and items added meanwhile ' +
        'neither repeat nor hide others; a page with a next one links it in a Link header (rel="next").',
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: `An access token issued by POST /v1/tokens (or SYNCHUB_ADMIN_TOKEN). Roles: ${ROLES.join(' < ')}.`,
        },
      },
      schemas: { ...RESPONSE_SCHEMAS, ...pageSchemas, ...requestSchemas },
    },
  };
}

/** Bodies that take credentials say what each platform's are (the DTO can only say "an object"). */
function withPlatformCredentials(schemas: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const properties = schema.properties as Record<string, Schema> | undefined;
      if (!properties?.credentials) return [name, schema];
      return [name, { ...schema, properties: { ...properties, credentials: credentialsSchema() } }];
    }),
  );
}

function operation(route: ApiRoute, requestSchemas: Record<string, Schema>): Schema {
  const secured = route.path.startsWith('/v1/');
  return {
    tags: [route.tag],
    operationId: `${route.method}${openApiPath(route.path).replace(/[{}]/g, '').replace(/(^|[/-])(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    description: [route.description, ACCESS_TEXT[route.access]].filter(Boolean).join('\n\n'),
    ...(secured ? { security: [{ bearerAuth: [] }], 'x-required-role': route.access } : { security: [] }),
    parameters: [...pathParameters(route), ...queryParameters(route, requestSchemas)],
    ...(route.body ? { requestBody: requestBody(route) } : {}),
    ...(route.rawBody ? { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } } : {}),
    responses: responses(route, secured, Boolean(route.query && queryTakes(requestSchemas[route.query.name], 'after'))),
  };
}

function pathParameters(route: ApiRoute): Schema[] {
  return [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: PATH_PARAMETERS[name],
    schema: { type: 'string' },
  }));
}

function queryParameters(route: ApiRoute, requestSchemas: Record<string, Schema>): Schema[] {
  if (!route.query) return [];
  const schema = requestSchemas[route.query.name];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(LIST_PARAMETERS[name] ? { description: LIST_PARAMETERS[name] } : {}),
    schema: property,
  }));
}

function requestBody(route: ApiRoute): Schema {
  return {
    required: !route.bodyOptional,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body!.name}` } } },
  };
}

const queryTakes = (schema: Schema, name: string) => Object.hasOwn((schema.properties ?? {}) as object, name);

function responses(route: ApiRoute, secured: boolean, paged: boolean): Record<string, Schema> {
  const { status, description, schema, contentType = 'application/json' } = route.success;
  const answer: Schema = { description, ...(paged ? { headers: { Link: NEXT_PAGE_LINK } } : {}) };
  if (status !== 204) {
    answer.content = Object.fromEntries(
      [contentType].flat().map((type) => [
        type,
        { schema: schema ? { $ref: `#/components/schemas/${schema.startsWith('Page<') ? pageName(schema) : schema}` } : type === 'application/json' ? { type: 'object' } : { type: 'string' } },
      ]),
    );
  }
  const problems = new Set<number>(route.problems ?? []);
  // A path parameter that is not valid %-encoding is a 400 too.
  if (route.body || route.query || route.rawBody || route.path.includes(':')) problems.add(400);
  if (route.body || route.rawBody) problems.add(413);
  if (secured || route.access === 'signature') problems.add(401);
  if (secured && route.access !== 'token') problems.add(403);
  problems.add(500);
  const problemAnswers = [...problems]
    .sort((a, b) => a - b)
    .map((code) => [
      String(code),
      { description: PROBLEM_TITLES[code] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    ]);
  return { [String(status)]: answer, ...Object.fromEntries(problemAnswers) };
}

/** Page<Order> → OrderPage */
const pageName = (page: string) => `${page.slice(5, -1)}Page`;

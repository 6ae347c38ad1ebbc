// POST /admin/api/<version>/graphql.json as Shopify answers it: the document parsed and validated against the real
// schema, variables coerced, the requested cost worked out and taken from the bucket (THROTTLED when it does not fit,
// MAX_COST_EXCEEDED when it never can), executed by graphql's `execute`, the unused cost given back, and the cost in
// `extensions.cost`. GraphQL-level refusals are HTTP 200 with `errors`, as Shopify sends them.
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import type { ShopifyCostBucket, ThrottleStatus } from './shopifyCostBucket.js';
import { actualCost, requestedCost } from './shopifyQueryCost.js';
import type { ResolverContext } from './shopifyResolvers.js';

export interface GraphqlRequestOutcome {
  body: Record<string, unknown>;
  operationName?: string;
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  /** THROTTLED or MAX_COST_EXCEEDED, when the query was refused for its cost. */
  refusedFor?: 'THROTTLED' | 'MAX_COST_EXCEEDED';
}

export interface GraphqlEndpoint {
  schema: GraphQLSchema;
  bucket: ShopifyCostBucket;
  /** No single query may cost more than this (Shopify: 1000), whatever the bucket holds. */
  singleQueryMax: number;
  rootValue: unknown;
}

const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

export async function answerGraphql(endpoint: GraphqlEndpoint, request: unknown, context: ResolverContext, now: () => number): Promise<GraphqlRequestOutcome> {
  const { query, variables, operationName } = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return { body: { errors: [{ message: 'No query string was present' }] } };
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { body: { errors: [{ message: 'Variables must be an object' }] } };
  }
  const document = parsedAndValidated(endpoint.schema, query);
  if (!('kind' in document)) return { body: { errors: document.map((error) => error.toJSON()) } };
  const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
  if (!operation || operation.operation === 'subscription') {
    return { body: { errors: [{ message: operation ? 'Subscriptions are not supported' : 'An operation name is required when the document holds several operations' }] } };
  }
  const coerced = getVariableValues(endpoint.schema, operation.variableDefinitions ?? [], (variables ?? {}) as Record<string, unknown>);
  if (coerced.errors) return { body: { errors: coerced.errors.map((error) => error.toJSON()) }, operationName: operation.name?.value };
  const costInput = { schema: endpoint.schema, operation, fragments: fragmentsOf(document), variables: coerced.variableValues };
  const requested = requestedCost(costInput);
  const outcome = { operationName: operation.name?.value, requestedQueryCost: requested.cost };
  if (requested.errors.length) return { ...outcome, body: { errors: requested.errors.map((error) => error.toJSON()) } };

  const status = () => endpoint.bucket.status(now());
  const costExtension = (actual: number | null, throttleStatus: ThrottleStatus = status()) => ({
    cost: { requestedQueryCost: requested.cost, actualQueryCost: actual, throttleStatus },
  });
  // A query that could never fit is refused for its size, not throttled for ever.
  const maxCost = Math.min(endpoint.singleQueryMax, endpoint.bucket.maximumAvailable);
  if (requested.cost > maxCost) {
    const message = `Query cost is ${requested.cost}, which exceeds the single query max cost limit (${maxCost}). See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the cost of a query is calculated. To query larger amounts of data with fewer limits, bulk operations should be used instead.`;
    return {
      ...outcome,
      actualQueryCost: null,
      refusedFor: 'MAX_COST_EXCEEDED',
      body: { errors: [{ message, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested.cost, maxCost, documentation: 'https://shopify.dev/api/usage/limits#rate-limits' } }], extensions: costExtension(null) },
    };
  }
  if (!endpoint.bucket.take(requested.cost, now())) {
    return {
      ...outcome,
      actualQueryCost: null,
      refusedFor: 'THROTTLED',
      body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: costExtension(null) },
    };
  }
  const result = await execute({
    schema: endpoint.schema,
    document,
    rootValue: endpoint.rootValue,
    contextValue: context,
    variableValues: (variables ?? {}) as Record<string, unknown>,
    operationName: operation.name?.value,
  });
  const actual = Math.min(requested.cost, actualCost(costInput, result.data));
  endpoint.bucket.refund(requested.cost - actual, now());
  const extensions: Record<string, unknown> = costExtension(actual);
  if (context.warnings.length) extensions.search = [{ path: [], query: '', parsed: {}, warnings: context.warnings }];
  const body: Record<string, unknown> = { data: result.data ?? null, extensions };
  if (result.errors?.length) body.errors = result.errors.map((error) => error.toJSON());
  return { ...outcome, actualQueryCost: actual, body };
}

/** The same query text is parsed and validated once: clients send the same few documents again and again. */
function parsedAndValidated(schema: GraphQLSchema, query: string): DocumentNode | readonly GraphQLError[] {
  const known = documents.get(query);
  if (known) return known;
  let checked: DocumentNode | readonly GraphQLError[];
  try {
    const document = parse(query);
    const errors = validate(schema, document);
    checked = errors.length ? errors : document;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    checked = [error];
  }
  if (documents.size < 500) documents.set(query, checked);
  return checked;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

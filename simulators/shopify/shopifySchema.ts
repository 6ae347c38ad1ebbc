// Shopify's own Admin GraphQL schema (introspection shipped by @shopify/dev-mcp, kept in test/fixtures/shopify): the
// simulator executes over it, so a field, argument or type Shopify does not have is refused here exactly as there.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** The Admin API version whose schema the repository keeps; the simulator serves this version. */
export const SHOPIFY_SCHEMA_VERSION = '2026-10';

// From dist/simulators/shopify/ (where this runs) up to the repository, which keeps the fixture outside dist.
const FIXTURE = fileURLToPath(new URL(`../../../test/fixtures/shopify/admin_${SHOPIFY_SCHEMA_VERSION}.json.gz`, import.meta.url));

let schema: GraphQLSchema | undefined;

/** The schema, built once per process (about half a second). */
export function shopifyAdminSchema(): GraphQLSchema {
  if (!schema) {
    const introspection = JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as { data: IntrospectionQuery };
    // graphql 17 checks that an implementation is deprecated only where its interface is; Shopify's schemas break that
    // rule in a few fields nobody here reads, so the schema is taken as Shopify serves it.
    schema = buildClientSchema(introspection.data, { assumeValid: true });
  }
  return schema;
}

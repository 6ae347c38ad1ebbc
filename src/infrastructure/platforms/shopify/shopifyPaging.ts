// Cursor pages of a GraphQL connection, each as large as the app's cost bucket allows: the page size comes from what
// Shopify charged for earlier pages, and a page Shopify says is too costly is asked for again smaller.
import { PlatformRequestError, PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import { optionalText, requireArray, requireObject, type Json } from '../payload/payloadFields.js';
import type { ShopifyDocument } from './shopifyDocuments.js';
import { ShopifyQueryTooCostly, type ShopifyGraphql } from './shopifyGraphql.js';

export interface Page {
  nodes: unknown[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Runs a paged operation whose page size is the variable `first`; `connectionOf` finds the connection in its data. */
export async function sizedPage(
  graphql: ShopifyGraphql,
  document: ShopifyDocument,
  variables: Record<string, unknown>,
  connectionOf: (data: Json) => unknown,
  { signal, most }: { signal?: AbortSignal; most?: number } = {},
): Promise<Page | undefined> {
  for (let first = graphql.bucket.pageSize(document.name, most); ; ) {
    try {
      const data = await graphql.run(document, { ...variables, first }, { signal, first });
      const connection = connectionOf(data);
      return connection === null || connection === undefined ? undefined : pageOf(connection, document.name);
    } catch (error) {
      if (!(error instanceof ShopifyQueryTooCostly)) throw error;
      if (first <= 1) throw new PlatformRequestError('shopify', 400, `${error.message} (even one item a page costs too much)`);
      first = Math.max(1, Math.min(first - 1, Math.floor((first * error.maxCost) / error.requested)));
    }
  }
}

/** Every page of a connection from `after` on, following its cursors; a cursor Shopify sends twice stops the walk. */
export async function* allPages(
  graphql: ShopifyGraphql,
  document: ShopifyDocument,
  variables: Record<string, unknown>,
  connectionOf: (data: Json) => unknown,
  { after: start = null, ...options }: { signal?: AbortSignal; most?: number; after?: string | null } = {},
): AsyncIterable<unknown[]> {
  const visited = new Set<string>();
  for (let after = start; ; ) {
    const page = await sizedPage(graphql, document, { ...variables, after }, connectionOf, options);
    if (!page) return;
    if (page.nodes.length > 0) yield page.nodes;
    if (!page.hasNextPage || !page.endCursor) return;
    if (visited.has(page.endCursor)) throw new PlatformUnavailableError('shopify', `Shopify ${document.name} sent the same next page twice; the walk was stopped`);
    visited.add(page.endCursor);
    after = page.endCursor;
  }
}

function pageOf(raw: unknown, operation: string): Page {
  try {
    const connection = requireObject(raw, 'connection');
    const pageInfo = requireObject(connection.pageInfo ?? { hasNextPage: false }, 'pageInfo');
    return {
      nodes: requireArray(connection.nodes, 'nodes'),
      hasNextPage: pageInfo.hasNextPage === true,
      endCursor: optionalText(pageInfo.endCursor, 'pageInfo.endCursor') ?? null,
    };
  } catch (error) {
    throw new PlatformUnavailableError('shopify', `Shopify ${operation} answered with no readable page: ${(error as Error).message}`);
  }
}

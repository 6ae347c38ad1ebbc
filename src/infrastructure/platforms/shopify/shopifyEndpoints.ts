// A connection's base URL is the shop (https://<shop>.myshopify.com): the token endpoint (/admin/oauth/access_token),
// the GraphQL Admin API of the integration's version and the admin's order pages all live on that origin.

export interface ShopifyEndpoints {
  /** The shop's origin, e.g. https://acme.myshopify.com. */
  shop: string;
  /** e.g. https://acme.myshopify.com/admin/api/2026-10 (the GraphQL endpoint is /graphql.json under it). */
  apiBaseUrl: string;
  /** e.g. https://acme.myshopify.com/admin/orders/ (the order's number id is appended). */
  orderUrlBase: string;
}

export function shopifyEndpoints(baseUrl: string, apiVersion: string): ShopifyEndpoints {
  // Whatever path was pasted (the admin page, an API URL), the shop's origin is what counts.
  const shop = new URL(baseUrl).origin;
  return { shop, apiBaseUrl: `${shop}/admin/api/${apiVersion}`, orderUrlBase: `${shop}/admin/orders/` };
}

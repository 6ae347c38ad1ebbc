// A connection's base URL is the shop (https://<shop>.myshopify.com); the Admin API lives under one pinned version.

/** The Admin API version every request is made against; Shopify supports each version for a year. */
export const SHOPIFY_API_VERSION = '2024-10';

export interface ShopifyEndpoints {
  /** e.g. https://acme.myshopify.com/admin/api/2024-10 */
  apiBaseUrl: string;
  /** e.g. https://acme.myshopify.com/admin/orders/ (the order id is appended) */
  orderUrlBase: string;
}

export function shopifyEndpoints(baseUrl: string): ShopifyEndpoints {
  // Whatever path was pasted (the admin page, an API URL), the shop's origin is what counts.
  const shop = new URL(baseUrl).origin;
  return { apiBaseUrl: `${shop}/admin/api/${SHOPIFY_API_VERSION}`, orderUrlBase: `${shop}/admin/orders/` };
}

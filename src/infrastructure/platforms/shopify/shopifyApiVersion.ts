// The Admin API version an integration talks to. Shopify releases one a quarter and serves each for a year; these are
// the versions whose schema the adapter's documents were checked against (2026-01 is left out: its
// inventorySetQuantities still wants compareQuantity or ignoreCompareQuantity instead of changeFromQuantity).

export const SHOPIFY_API_VERSIONS = ['2026-04', '2026-07', '2026-10'] as const;
export type ShopifyApiVersion = (typeof SHOPIFY_API_VERSIONS)[number];

/** The newest: the one the repository keeps Shopify's schema of (test/fixtures/shopify). */
export const DEFAULT_SHOPIFY_API_VERSION: ShopifyApiVersion = '2026-10';

/** Why a value is no API version synchub can use, or undefined when it is one. */
export function shopifyApiVersionProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-(01|04|07|10)$/.test(value)) {
    return `must be a Shopify API version like ${DEFAULT_SHOPIFY_API_VERSION} (YYYY-01, -04, -07 or -10), got ${JSON.stringify(value)?.slice(0, 40)}`;
  }
  if (!(SHOPIFY_API_VERSIONS as readonly string[]).includes(value)) {
    return `${value} is not a version synchub supports; use one of ${SHOPIFY_API_VERSIONS.join(', ')}`;
  }
  return undefined;
}

export function shopifyApiVersionOf(value: unknown): ShopifyApiVersion {
  if (value === undefined || value === '') return DEFAULT_SHOPIFY_API_VERSION;
  const problem = shopifyApiVersionProblem(value);
  if (problem) throw new Error(`apiVersion ${problem}`);
  return value as ShopifyApiVersion;
}

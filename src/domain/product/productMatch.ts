// The product of a platform item is found by the integration's keys in order (article first, then name, is the usual);
// when several products share a name, the first found is used; a product found by no key is created once.
import type { ProductMatchKey } from '../integration/integrationSettings.js';
import type { ProductVariant } from './productEvents.js';

/** Names are compared trimmed and case aside: " mug " and "Mug" are one product. */
export const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * Of several products one lookup finds, the first found is the one registered first: the field the catalogue is
 * read in, so the same item always lands on the same product whichever order the catalogue was filled in.
 */
export const FIRST_FOUND_BY = 'registeredAt';

export interface ItemProduct {
  /** Trimmed; empty for an item without an article. */
  sku: string;
  /** Trimmed. */
  name: string;
  /** The variant this item is of its product, when it is one with its own article. */
  variant: ProductVariant | null;
}

/** The product a platform item stands for: a variant's parent is what is matched and created, the item its variant. */
export function itemProduct(item: {
  sku?: string;
  name: string;
  variant?: { parentSku?: string; parentName: string; properties: Record<string, string> };
}): ItemProduct {
  const sku = (item.variant ? item.variant.parentSku : item.sku)?.trim() ?? '';
  const name = (item.variant ? item.variant.parentName : item.name).trim();
  const variant = item.variant && item.sku ? { sku: item.sku.trim(), properties: item.variant.properties } : null;
  return { sku, name, variant };
}

/** An article finds the product that holds it: as its own article, or as the article of one of its variants (004). */
export type ProductLookup = { key: 'sku'; sku: string } | { key: 'name'; nameKey: string };

/**
 * The lookups that find an existing product, tried in this order until one finds; a key the product lacks is skipped.
 * A variant's own article comes before its parent's: the product holding that variant is the one, whatever its name.
 */
export function productLookups(keys: readonly ProductMatchKey[], product: { sku: string; name: string; variant?: { sku: string } | null }): ProductLookup[] {
  return keys.flatMap((key): ProductLookup[] => {
    if (key === 'sku') return [...new Set([product.variant?.sku, product.sku])].filter((sku): sku is string => Boolean(sku)).map((sku) => ({ key: 'sku', sku }));
    return product.name ? [{ key: 'name', nameKey: nameKey(product.name) }] : [];
  });
}

/** What a new product is known by, so the same product is never created twice: its article, or its name without one. */
export function newProductKey(product: { sku: string; name: string }): string {
  return product.sku ? `sku:${product.sku}` : `name:${nameKey(product.name)}`;
}

/** A product found keeps what it is; a new one is a service when asked to be (the delivery line) or of the services category. */
export function isServiceProduct(
  found: { isService: boolean } | undefined,
  item: { category?: string; service: boolean },
  servicesCategory: string | null,
): boolean {
  return found?.isService ?? (item.service || (servicesCategory !== null && item.category === servicesCategory));
}

// The shop's catalogue for import: one product per Shopify product. A product with only its default variant carries
// that variant's SKU; one with options is matched by name, like the order lines of its variants (each with its own SKU).
import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { fetchedProductOf } from '../payload/fetchedProduct.js';
import { optionalObject, optionalText, requireArray, requireId, requireObject, requireText } from '../payload/payloadFields.js';
import { numericIdOf } from './shopifyOrderNodeMapping.js';

/** Statuses of products on sale; drafts and archived ones are kept, marked archived. */
const SELLING = new Set(['ACTIVE', 'UNLISTED']);

export function mapShopifyProduct(raw: unknown): FetchedProduct {
  return fetchedProductOf((found) => {
    const product = requireObject(raw, 'product');
    const externalId = requireId(numericIdOf(product.id), 'id');
    found(externalId);
    const variants = optionalObject(product.variants, 'variants');
    const only = product.hasOnlyDefaultVariant === true && variants ? requireArray(variants.nodes, 'variants.nodes')[0] : undefined;
    return {
      externalId,
      name: requireText(product.title, 'title').trim(),
      archived: !SELLING.has(requireText(product.status, 'status')),
      sku: only ? optionalText(requireObject(only, 'variants.nodes[0]').sku, 'variants.nodes[0].sku')?.trim() : undefined,
      description: optionalText(product.description, 'description', 20_000)?.replace(/\s+/g, ' ').trim(),
      category: optionalText(product.productType, 'productType')?.trim(),
    };
  });
}

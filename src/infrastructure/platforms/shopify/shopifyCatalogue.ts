// The shop's catalogue for import: one product per Shopify product. A product with only its default variant carries
// that variant's SKU; one with options is matched by name, like the order lines of its variants (each with its own SKU).
import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, optionalObject, optionalText, requireArray, requireId, requireObject, requireText } from '../payload/payloadFields.js';
import { numericIdOf } from './shopifyOrderNodeMapping.js';

/** Statuses of products on sale; drafts and archived ones are kept, marked archived. */
const SELLING = new Set(['ACTIVE', 'UNLISTED']);

export function mapShopifyProduct(raw: unknown): FetchedProduct {
  let externalId: string | undefined;
  try {
    const product = requireObject(raw, 'product');
    externalId = requireId(numericIdOf(product.id), 'id');
    const description = optionalText(product.description, 'description', 20_000)?.replace(/\s+/g, ' ').trim();
    const category = optionalText(product.productType, 'productType')?.trim();
    const variants = optionalObject(product.variants, 'variants');
    const only = product.hasOnlyDefaultVariant === true && variants ? requireArray(variants.nodes, 'variants.nodes')[0] : undefined;
    const sku = only ? optionalText(requireObject(only, 'variants.nodes[0]').sku, 'variants.nodes[0].sku')?.trim() : undefined;
    return {
      kind: 'product',
      product: {
        externalId,
        name: requireText(product.title, 'title').trim(),
        archived: !SELLING.has(requireText(product.status, 'status')),
        ...(sku ? { sku } : {}),
        ...(description ? { description } : {}),
        ...(category ? { category } : {}),
      },
    };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    return { kind: 'malformed', externalId, reason: error.message };
  }
}

// A WooCommerce product as the port's product; an unreadable one comes back with the field named.
import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { isPresent, MalformedFieldError, optionalText, requireArray, requireId, requireObject, requireText } from '../payload/payloadFields.js';

export function mapWoocommerceProduct(raw: unknown): FetchedProduct {
  let externalId: string | undefined;
  try {
    const product = requireObject(raw, 'product');
    externalId = requireId(product.id, 'id');
    const sku = optionalText(product.sku, 'sku')?.trim();
    const description = plainText(optionalText(product.description, 'description', 20_000) ?? optionalText(product.short_description, 'short_description', 20_000));
    const categories = isPresent(product.categories) ? requireArray(product.categories, 'categories') : [];
    const first = categories.length > 0 ? requireObject(categories[0], 'categories[0]') : undefined;
    const category = first ? optionalText(first.name, 'categories[0].name')?.trim() : undefined;
    return {
      kind: 'product',
      product: {
        externalId,
        name: requireText(product.name, 'name'),
        // Only published products are on sale; drafts, private and trashed ones are kept but archived.
        archived: product.status !== undefined && product.status !== 'publish',
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

/** Woo descriptions are HTML from the editor; the back office keeps text. */
function plainText(html: string | undefined): string | undefined {
  const text = html?.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

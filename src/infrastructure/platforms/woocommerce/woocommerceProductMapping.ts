// A WooCommerce product as the port's product; an unreadable one comes back with the field named.
import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { fetchedProductOf } from '../payload/fetchedProduct.js';
import { isPresent, optionalText, requireArray, requireId, requireObject, requireText } from '../payload/payloadFields.js';

export function mapWoocommerceProduct(raw: unknown): FetchedProduct {
  return fetchedProductOf((found) => {
    const product = requireObject(raw, 'product');
    const externalId = requireId(product.id, 'id');
    found(externalId);
    const categories = isPresent(product.categories) ? requireArray(product.categories, 'categories') : [];
    const first = categories.length > 0 ? requireObject(categories[0], 'categories[0]') : undefined;
    return {
      externalId,
      name: requireText(product.name, 'name'),
      // Only published products are on sale; drafts, private and trashed ones are kept but archived.
      archived: product.status !== undefined && product.status !== 'publish',
      sku: optionalText(product.sku, 'sku')?.trim(),
      description: plainText(optionalText(product.description, 'description', 20_000) ?? optionalText(product.short_description, 'short_description', 20_000)),
      category: first ? optionalText(first.name, 'categories[0].name')?.trim() : undefined,
    };
  });
}

/** Woo descriptions are HTML from the editor; the back office keeps text. */
function plainText(html: string | undefined): string | undefined {
  const text = html?.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, optionalObject, optionalText, requireId, requireObject, requireText } from '../payload/payloadFields.js';

/** A KeyCRM product as the platform port's product; an unreadable one comes back with the field named. */
export function mapKeycrmProduct(raw: unknown): FetchedProduct {
  let externalId: string | undefined;
  try {
    const product = requireObject(raw, 'product');
    externalId = requireId(product.id, 'id');
    const category = optionalObject(product.category, 'category');
    const sku = optionalText(product.sku, 'sku');
    const description = optionalText(product.description, 'description', 20_000);
    const categoryName = category ? optionalText(category.name, 'category.name') : undefined;
    return {
      kind: 'product',
      product: {
        externalId,
        name: requireText(product.name, 'name'),
        archived: product.is_archived === true,
        ...(sku ? { sku } : {}),
        ...(description ? { description } : {}),
        ...(categoryName ? { category: categoryName } : {}),
      },
    };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    return { kind: 'malformed', externalId, reason: error.message };
  }
}

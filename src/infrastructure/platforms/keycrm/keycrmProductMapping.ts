import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { fetchedProductOf } from '../payload/fetchedProduct.js';
import { optionalObject, optionalText, requireId, requireObject, requireText } from '../payload/payloadFields.js';

/** A KeyCRM product as the platform port's product; an unreadable one comes back with the field named. */
export function mapKeycrmProduct(raw: unknown): FetchedProduct {
  return fetchedProductOf((found) => {
    const product = requireObject(raw, 'product');
    const externalId = requireId(product.id, 'id');
    found(externalId);
    const category = optionalObject(product.category, 'category');
    return {
      externalId,
      name: requireText(product.name, 'name'),
      archived: product.is_archived === true,
      sku: optionalText(product.sku, 'sku'),
      description: optionalText(product.description, 'description', 20_000),
      category: category ? optionalText(category.name, 'category.name') : undefined,
    };
  });
}

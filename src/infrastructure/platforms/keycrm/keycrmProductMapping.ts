import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { fetchedProductOf } from '../payload/fetchedProduct.js';
import { optionalId, optionalText, requireId, requireText } from '../payload/payloadFields.js';
import { keycrmObject } from './keycrmSpecFields.js';

/** A KeyCRM product (ProductWithIncludes) as the port's product, its category named through the account's categories. */
export function mapKeycrmProduct(raw: unknown, categoryName: (id: string) => string | undefined = () => undefined): FetchedProduct {
  return fetchedProductOf((found) => {
    const product = keycrmObject('product', raw, 'product');
    const externalId = requireId(product.id, 'id');
    found(externalId);
    const categoryId = optionalId(product.category_id, 'category_id');
    return {
      externalId,
      name: requireText(product.name, 'name'),
      archived: product.is_archived === true,
      sku: optionalText(product.sku, 'sku'),
      description: optionalText(product.description, 'description', 20_000),
      category: categoryId ? categoryName(categoryId) : undefined,
    };
  });
}

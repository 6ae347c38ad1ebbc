import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, optionalId, optionalText, requireId, requireText } from '../payload/payloadFields.js';
import { keycrmObject } from './keycrmSpecFields.js';

/** A KeyCRM product (ProductWithIncludes) as the port's product, its category named through the account's categories. */
export function mapKeycrmProduct(raw: unknown, categoryName: (id: string) => string | undefined = () => undefined): FetchedProduct {
  let externalId: string | undefined;
  try {
    const product = keycrmObject('product', raw, 'product');
    externalId = requireId(product.id, 'id');
    const sku = optionalText(product.sku, 'sku');
    const description = optionalText(product.description, 'description', 20_000);
    const categoryId = optionalId(product.category_id, 'category_id');
    const category = categoryId ? categoryName(categoryId) : undefined;
    return {
      kind: 'product',
      product: {
        externalId,
        name: requireText(product.name, 'name'),
        archived: product.is_archived === true,
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

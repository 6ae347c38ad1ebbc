// A Horoshop catalogue row (catalog/export) → the port's product; Horoshop identifies products by article.
import type { FetchedProduct } from '../../../application/ports/platformClient.js';
import { isPresent, MalformedFieldError, optionalText, requireObject } from '../payload/payloadFields.js';
import { optionalLocalText, optionalTitle } from './cartumFields.js';

/** Texts in the first of `languages` the shop filled (the integration's language first). */
export function mapCartumProduct(raw: unknown, languages?: readonly string[]): FetchedProduct {
  let externalId: string | undefined;
  try {
    const product = requireObject(raw, 'product');
    externalId = optionalText(product.article, 'article')?.trim() || undefined;
    if (!externalId) throw new MalformedFieldError('article', 'is missing');
    const name = optionalLocalText(product.title, 'title', undefined, languages);
    if (!name || !name.trim()) throw new MalformedFieldError('title', 'is missing');
    const description = optionalLocalText(product.description, 'description', 20_000, languages);
    // parent is the product's category: {id, value: {ua…}} or its title (assumed from catalog/import's `parent`).
    const category = optionalTitle(product.parent, 'parent', languages);
    const hidden = isPresent(product.display_in_showcase) && (product.display_in_showcase === 0 || product.display_in_showcase === false);
    return {
      kind: 'product',
      product: {
        externalId,
        sku: externalId,
        name,
        archived: hidden,
        ...(description ? { description } : {}),
        ...(category ? { category } : {}),
      },
    };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    return { kind: 'malformed', externalId, reason: `Cartum product ${externalId ?? 'without an article'}: ${error.message}` };
  }
}

import { PRODUCT_SKUS_COLLECTION, PRODUCTS_COLLECTION, type ProductDocument, type ProductSkuDocument } from '../projections/productsProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { pagedList, pageOfSorted, type Page, type PageRequest } from './pagedList.js';
import { isReadModelId } from './readModelId.js';

export interface ProductsFilter extends PageRequest {
  /** The article, exactly: the product's own, or one of its variants'. */
  sku?: string;
  /** Text anywhere in the name or the article, any case. */
  q?: string;
}

const BY_NAME = { field: 'name' };

export async function findProducts(readModels: ReadModels, { sku, q, ...request }: ProductsFilter): Promise<Page<ProductDocument>> {
  if (sku) {
    const held = await readModels.get<ProductSkuDocument>(PRODUCT_SKUS_COLLECTION, sku);
    if (held?.variant) {
      // The product holding the variant; products with the article as their own (a few at most) come with it.
      const holder = await readModels.get<ProductDocument>(PRODUCTS_COLLECTION, held.productId);
      const own = await readModels.find<ProductDocument>(PRODUCTS_COLLECTION, { where: { sku }, matching: textMatch(q), orderBy: BY_NAME, limit: 100 });
      const matches = holder && (!q || matchesText(holder, q)) ? [holder, ...own.filter((doc) => doc.id !== holder.id)] : own;
      return pageOfSorted(matches, request, BY_NAME);
    }
  }
  return pagedList<ProductDocument>(
    readModels,
    PRODUCTS_COLLECTION,
    { where: sku ? { sku } : {}, matching: textMatch(q), orderBy: BY_NAME },
    request,
  );
}

export async function getProduct(readModels: ReadModels, id: string): Promise<ProductDocument | undefined> {
  return isReadModelId(id) ? readModels.get<ProductDocument>(PRODUCTS_COLLECTION, id) : undefined;
}

const textMatch = (q: string | undefined) => (q ? { fields: ['name', 'sku'], text: q } : undefined);
const matchesText = (doc: ProductDocument, q: string) => [doc.name, doc.sku].some((field) => field.toLowerCase().includes(q.toLowerCase()));

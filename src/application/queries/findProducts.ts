import { PRODUCT_SKUS_COLLECTION, PRODUCTS_COLLECTION, type ProductDocument, type ProductSkuDocument } from '../projections/productsProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { pagedList, type Page } from './pagedList.js';
import { isReadModelId } from './readModelId.js';

export interface ProductsFilter {
  /** The article, exactly: the product's own, or one of its variants'. */
  sku?: string;
  /** Text anywhere in the name or the article, any case. */
  q?: string;
  page: number;
  limit: number;
}

export async function findProducts(readModels: ReadModels, { sku, q, page, limit }: ProductsFilter): Promise<Page<ProductDocument>> {
  if (sku) {
    const held = await readModels.get<ProductSkuDocument>(PRODUCT_SKUS_COLLECTION, sku);
    if (held?.variant) {
      // The product holding the variant; products with the article as their own (a few at most) come with it.
      const holder = await readModels.get<ProductDocument>(PRODUCTS_COLLECTION, held.productId);
      const own = await readModels.find<ProductDocument>(PRODUCTS_COLLECTION, { where: { sku }, matching: textMatch(q), orderBy: { field: 'name' }, limit: 100 });
      const matches = holder && (!q || matchesText(holder, q)) ? [holder, ...own.filter((doc) => doc.id !== holder.id)] : own;
      return { items: matches.slice((page - 1) * limit, page * limit), total: matches.length, page, limit };
    }
  }
  return pagedList<ProductDocument>(
    readModels,
    PRODUCTS_COLLECTION,
    { where: sku ? { sku } : {}, matching: textMatch(q), orderBy: { field: 'name' } },
    { page, limit },
  );
}

export async function getProduct(readModels: ReadModels, id: string): Promise<ProductDocument | undefined> {
  return isReadModelId(id) ? readModels.get<ProductDocument>(PRODUCTS_COLLECTION, id) : undefined;
}

const textMatch = (q: string | undefined) => (q ? { fields: ['name', 'sku'], text: q } : undefined);
const matchesText = (doc: ProductDocument, q: string) => [doc.name, doc.sku].some((field) => field.toLowerCase().includes(q.toLowerCase()));

import { PRODUCTS_COLLECTION, type ProductDocument } from '../projections/productsProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { pagedList, type Page } from './pagedList.js';
import { isReadModelId } from './readModelId.js';

export interface ProductsFilter {
  /** The article, exactly. */
  sku?: string;
  /** Text anywhere in the name or the article, any case. */
  q?: string;
  page: number;
  limit: number;
}

export function findProducts(readModels: ReadModels, { sku, q, page, limit }: ProductsFilter): Promise<Page<ProductDocument>> {
  return pagedList<ProductDocument>(
    readModels,
    PRODUCTS_COLLECTION,
    { where: sku ? { sku } : {}, matching: q ? { fields: ['name', 'sku'], text: q } : undefined, orderBy: { field: 'name' } },
    { page, limit },
  );
}

export async function getProduct(readModels: ReadModels, id: string): Promise<ProductDocument | undefined> {
  return isReadModelId(id) ? readModels.get<ProductDocument>(PRODUCTS_COLLECTION, id) : undefined;
}

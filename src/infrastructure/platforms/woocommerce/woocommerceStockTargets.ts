// Stock is written per product id, synchub knows SKUs: finds (and remembers for the client's life) which product has a SKU.
import { PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import type { PlatformHttp } from '../http/platformHttp.js';
import { WOOCOMMERCE_PAGE_SIZE } from './woocommercePagination.js';

export interface StockTarget {
  id: number;
  /** Set for a variation: its stock is written through its parent's variations route. */
  parentId?: number;
}

/** Woo's `sku` filter takes several SKUs separated by commas (and then searches variations too). */
const SKUS_PER_LOOKUP = 25;

export class WoocommerceStockTargets {
  private readonly known = new Map<string, StockTarget>();

  constructor(private readonly http: PlatformHttp) {}

  async find(skus: string[]): Promise<Map<string, StockTarget>> {
    const wanted = [...new Set(skus)].filter((sku) => sku && !this.known.has(sku));
    // A SKU holding a comma cannot share a lookup: Woo would split it.
    const alone = wanted.filter((sku) => sku.includes(','));
    const batchable = wanted.filter((sku) => !sku.includes(','));
    const lookups = [...alone.map((sku) => [sku]), ...chunks(batchable, SKUS_PER_LOOKUP)];
    for (const group of lookups) await this.lookUp(group);
    return new Map(skus.flatMap((sku) => (this.known.has(sku) ? [[sku, this.known.get(sku)!] as const] : [])));
  }

  private async lookUp(group: string[]): Promise<void> {
    const found = await this.http.get('/products', { sku: group.join(','), per_page: WOOCOMMERCE_PAGE_SIZE });
    if (!Array.isArray(found)) throw new PlatformUnavailableError('woocommerce', 'WooCommerce GET /products?sku= answered with something other than a list');
    for (const raw of found) {
      const { id, sku, parent_id: parentId, type } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      if (typeof sku !== 'string' || !group.includes(sku) || typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) continue;
      const isVariation = type === 'variation' && typeof parentId === 'number' && parentId > 0;
      this.known.set(sku, isVariation ? { id, parentId: parentId as number } : { id });
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}

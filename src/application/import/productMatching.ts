import type { ProductMatchKey } from '../../domain/integration/integrationSettings.js';
import { productDecider, productStream } from '../../domain/product/productDecider.js';
import type { ProductVariant } from '../../domain/product/productEvents.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { PlatformOrderItem } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import { stableId } from './stableId.js';

export interface MatchedProduct {
  productId: string;
  isService: boolean;
}

interface ProductDoc extends Record<string, unknown> {
  id: string;
  isService: boolean;
}

const nameKey = (name: string) => name.trim().toLowerCase();

/**
 * Finds the local product of a platform item by the integration's keys (article first, then name; the first
 * product found wins) or creates it. One matcher lives for one sync run and remembers what it matched.
 */
export class ProductMatcher {
  private readonly matched = new Map<string, MatchedProduct>();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly settings: { productMatch: ProductMatchKey[]; servicesCategory: string | null },
  ) {}

  async match(item: PlatformOrderItem, at: string, options: { service?: boolean } = {}): Promise<MatchedProduct> {
    const { created: _, ...matched } = await this.matchReporting(item, at, options);
    return matched;
  }

  /** Like match, and says whether the product was created by this call. */
  async matchReporting(item: PlatformOrderItem, at: string, { service = false } = {}): Promise<MatchedProduct & { created: boolean }> {
    // A variant belongs to its parent product: the parent is what is matched and created.
    const sku = (item.variant ? item.variant.parentSku : item.sku)?.trim() ?? '';
    const name = (item.variant ? item.variant.parentName : item.name).trim();
    const variant: ProductVariant | null =
      item.variant && item.sku ? { sku: item.sku.trim(), properties: item.variant.properties } : null;
    const cacheKey = `${sku}\u001f${nameKey(name)}\u001f${variant?.sku ?? ''}`;
    const cached = this.matched.get(cacheKey);
    if (cached) return { ...cached, created: false };

    const found = await this.findExisting(sku, name);
    const isService =
      found?.isService ?? (service || (this.settings.servicesCategory !== null && item.category === this.settings.servicesCategory));
    const productId = found?.productId ?? stableId('product', sku ? `sku:${sku}` : `name:${nameKey(name)}`);
    const { newEvents } = await handleCommand(this.store, productDecider, productStream(productId), {
      type: 'EnsureProduct',
      data: {
        productId,
        sku,
        name,
        description: item.description ?? '',
        category: await this.category(item.category ?? ''),
        isService,
        variant,
        at,
      },
    });
    const result = { productId, isService };
    this.matched.set(cacheKey, result);
    if (sku) this.matched.set(`${sku}\u001f\u001f`, result);
    this.matched.set(`\u001f${nameKey(name)}\u001f`, result);
    return { ...result, created: newEvents.some((e) => e.type === 'ProductRegistered') };
  }

  private async findExisting(sku: string, name: string): Promise<MatchedProduct | undefined> {
    for (const key of this.settings.productMatch) {
      if (key === 'sku' && sku) {
        const remembered = this.matched.get(`${sku}\u001f\u001f`);
        if (remembered) return remembered;
        const [doc] = await this.readModels.find<ProductDoc>('products', { where: { sku }, orderBy: { field: 'registeredAt' }, limit: 1 });
        if (doc) return { productId: doc.id, isService: doc.isService };
      }
      if (key === 'name' && name) {
        const remembered = this.matched.get(`\u001f${nameKey(name)}\u001f`);
        if (remembered) return remembered;
        const [doc] = await this.readModels.find<ProductDoc>('products', {
          where: { nameKey: nameKey(name) },
          orderBy: { field: 'registeredAt' },
          limit: 1,
        });
        if (doc) return { productId: doc.id, isService: doc.isService };
      }
    }
    return undefined;
  }

  /** The local spelling of a category that exists already, else the platform's (which creates it). */
  private async category(platformCategory: string): Promise<string> {
    const trimmed = platformCategory.trim();
    if (!trimmed) return '';
    const existing = await this.readModels.get<{ name: string }>('product_categories', trimmed.toLowerCase());
    return existing?.name ?? trimmed;
  }
}

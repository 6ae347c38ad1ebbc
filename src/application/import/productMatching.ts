import type { ProductMatchKey } from '../../domain/integration/integrationSettings.js';
import { productDecider, productStream, type EnsureProduct } from '../../domain/product/productDecider.js';
import {
  FIRST_FOUND_BY,
  isServiceProduct,
  itemProduct,
  type ItemProduct,
  nameKey,
  newProductKey,
  productLookups,
  type ProductLookup,
} from '../../domain/product/productMatch.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { StreamStore } from '../ports/eventStore.js';
import type { PlatformOrderItem } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import { PRODUCT_SKUS_COLLECTION, PRODUCTS_COLLECTION, type ProductSkuDocument } from '../projections/productsProjection.js';
import { stableId } from './stableId.js';

export interface MatchedProduct {
  productId: string;
  isService: boolean;
}

interface ProductDoc extends Record<string, unknown> {
  id: string;
  isService: boolean;
}

/** Where a product matched in this run is remembered for a lookup. */
const memoryKey = (lookup: ProductLookup) => (lookup.key === 'sku' ? `${lookup.sku}\u001f\u001f` : `\u001f${lookup.nameKey}\u001f`);

/** What one product of an item is remembered under in a run: its article, name and variant's article. */
const cacheKeyOf = (product: ItemProduct) => `${product.sku}\u001f${nameKey(product.name)}\u001f${product.variant?.sku ?? ''}`;

/** What a run's matchers remember: every product matched, and how those not committed yet were ensured. */
interface Remembered {
  matched: Map<string, MatchedProduct>;
  uncommitted: Map<string, EnsureProduct>;
  /** The page's articles as the article index held them when the page began (null: none), read in one go. */
  held: Map<string, MatchedProduct | null>;
}

/**
 * Finds the local product of a platform item by the integration's keys (the rule: domain/product/productMatch.ts)
 * or creates it. One matcher lives for one sync run and remembers what it matched.
 */
export class ProductMatcher {
  constructor(
    private readonly store: StreamStore,
    private readonly readModels: ReadModels,
    private readonly settings: { productMatch: ProductMatchKey[]; servicesCategory: string | null },
    private readonly remembered: Remembered = { matched: new Map(), uncommitted: new Map(), held: new Map() },
    /** The store commits later (an order's view of its page): what this matcher registers may still be dropped. */
    private readonly deferred = false,
  ) {}

  /** The same matcher, remembering the same products, writing through an order's view of the page being decided. */
  through(store: StreamStore): ProductMatcher {
    return new ProductMatcher(store, this.readModels, this.settings, this.remembered, true);
  }

  /** The page committed: what its orders registered is stored. */
  committed(): void {
    this.remembered.uncommitted.clear();
  }

  /**
   * Before a page is decided: the products its new items' articles lead to, read in up to three round trips instead
   * of two per article (each a planned search on the products); the page's orders then match what they would have found.
   */
  async prefetch(items: readonly PlatformOrderItem[]): Promise<void> {
    const skus = new Set<string>();
    if (this.settings.productMatch.includes('sku')) {
      for (const item of items) {
        const product = itemProduct(item);
        if (this.remembered.matched.has(cacheKeyOf(product))) continue;
        for (const lookup of productLookups(['sku'], product)) if (lookup.key === 'sku' && !this.remembered.matched.has(memoryKey(lookup))) skus.add(lookup.sku);
      }
    }
    const held = new Map<string, MatchedProduct | null>([...skus].map((sku) => [sku, null]));
    const index = await this.readModels.getMany<ProductSkuDocument>(PRODUCT_SKUS_COLLECTION, [...skus]);
    const holders = await this.readModels.getMany<ProductDoc>(PRODUCTS_COLLECTION, [...new Set(index.map(({ doc }) => doc.productId))]);
    const products = new Map(holders.map(({ id, doc }) => [id, { productId: doc.id, isService: doc.isService }]));
    for (const { id: sku, doc } of index) held.set(sku, products.get(doc.productId) ?? null);
    // Articles the index does not hold: by a product's own article, the first registered, all in one find.
    const unheld = [...held].filter(([, product]) => !product).map(([sku]) => sku);
    const found = unheld.length === 0 ? [] : await this.readModels.find<ProductDoc>(PRODUCTS_COLLECTION, { whereIn: { field: 'sku', values: unheld }, orderBy: { field: FIRST_FOUND_BY } });
    for (const doc of found) {
      const sku = doc.sku as string;
      if (!held.get(sku)) held.set(sku, { productId: doc.id, isService: doc.isService });
    }
    this.remembered.held = held;
  }

  async match(item: PlatformOrderItem, at: string, options: { service?: boolean } = {}): Promise<MatchedProduct> {
    const { created: _, ...matched } = await this.matchReporting(item, at, options);
    return matched;
  }

  /** Like match, and says whether the product was created by this call. */
  async matchReporting(item: PlatformOrderItem, at: string, { service = false } = {}): Promise<MatchedProduct & { created: boolean }> {
    const product = itemProduct(item);
    const cacheKey = cacheKeyOf(product);
    const cached = this.remembered.matched.get(cacheKey);
    if (cached) {
      const uncommitted = this.remembered.uncommitted.get(cacheKey);
      if (!uncommitted) return { ...cached, created: false };
      // Ensured again through this order's view: it then depends on the order that registered the product, and
      // registers it itself when that order's events were dropped to be decided again.
      const { newEvents } = await handleCommand(this.store, productDecider, productStream(cached.productId), uncommitted);
      return { ...cached, created: newEvents.some((e) => e.type === 'ProductRegistered') };
    }

    const lookups = productLookups(this.settings.productMatch, product);
    const found = await this.findExisting(lookups);
    const isService = isServiceProduct(found, { category: item.category, service }, this.settings.servicesCategory);
    const productId = found?.productId ?? stableId('product', newProductKey(product));
    const ensure: EnsureProduct = {
      type: 'EnsureProduct',
      data: {
        productId,
        sku: product.sku,
        name: product.name,
        description: item.description ?? '',
        category: await this.category(item.category ?? ''),
        isService,
        variant: product.variant,
        at,
      },
    };
    const { newEvents } = await handleCommand(this.store, productDecider, productStream(productId), ensure);
    const result = { productId, isService };
    this.remembered.matched.set(cacheKey, result);
    if (this.deferred && newEvents.length > 0) this.remembered.uncommitted.set(cacheKey, ensure);
    // Remembered under every key it can be found by, so a later item of this run finds it before the read model does.
    for (const lookup of productLookups(['sku', 'name'], product)) this.remembered.matched.set(memoryKey(lookup), result);
    return { ...result, created: newEvents.some((e) => e.type === 'ProductRegistered') };
  }

  /** The first lookup that finds a product decides: what this run matched already, else the first registered. */
  private async findExisting(lookups: ProductLookup[]): Promise<MatchedProduct | undefined> {
    for (const lookup of lookups) {
      const found = this.remembered.matched.get(memoryKey(lookup)) ?? (await this.firstRegistered(lookup));
      if (found) return found;
    }
    return undefined;
  }

  private async firstRegistered(lookup: ProductLookup): Promise<MatchedProduct | undefined> {
    if (lookup.key === 'sku') {
      // Any article, a variant's too, leads to the product holding it.
      // Read for the page already, by the index and by the products' own articles.
      if (this.remembered.held.has(lookup.sku)) return this.remembered.held.get(lookup.sku) ?? undefined;
      const holder = await this.holderOf(lookup.sku);
      if (holder) return holder;
    }
    // By name; by article too for products the index does not hold yet (a database not rebuilt since it came).
    const where: Record<string, string> = lookup.key === 'sku' ? { sku: lookup.sku } : { nameKey: lookup.nameKey };
    const [doc] = await this.readModels.find<ProductDoc>(PRODUCTS_COLLECTION, { where, orderBy: { field: FIRST_FOUND_BY }, limit: 1 });
    return doc ? { productId: doc.id, isService: doc.isService } : undefined;
  }

  /**
   * The product streams matching these items will likely ensure, as far as known without asking the read models
   * again (after prefetch): what the run matched, what the article index held, else the new product's own id.
   */
  likelyStreams(items: readonly PlatformOrderItem[]): string[] {
    const streams = new Set<string>();
    for (const item of items) {
      const product = itemProduct(item);
      if (this.remembered.matched.has(cacheKeyOf(product))) continue;
      let found: MatchedProduct | undefined;
      for (const lookup of productLookups(this.settings.productMatch, product)) {
        found = this.remembered.matched.get(memoryKey(lookup)) ?? (lookup.key === 'sku' ? (this.remembered.held.get(lookup.sku) ?? undefined) : undefined);
        if (found) break;
      }
      streams.add(productStream(found?.productId ?? stableId('product', newProductKey(product))));
    }
    return [...streams];
  }

  private async holderOf(sku: string): Promise<MatchedProduct | undefined> {
    const held = await this.readModels.get<ProductSkuDocument>(PRODUCT_SKUS_COLLECTION, sku);
    const holder = held && (await this.readModels.get<ProductDoc>(PRODUCTS_COLLECTION, held.productId));
    return holder ? { productId: holder.id, isService: holder.isService } : undefined;
  }

  /** The local spelling of a category that exists already, else the platform's (which creates it). */
  private async category(platformCategory: string): Promise<string> {
    const trimmed = platformCategory.trim();
    if (!trimmed) return '';
    const existing = await this.readModels.get<{ name: string }>('product_categories', trimmed.toLowerCase());
    return existing?.name ?? trimmed;
  }
}

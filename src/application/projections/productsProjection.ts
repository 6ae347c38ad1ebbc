import type { ProductEvent, ProductVariant, PlatformListing } from '../../domain/product/productEvents.js';
import { nameKey } from '../../domain/product/productMatch.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const PRODUCTS_COLLECTION = 'products';
/** Categories by lower-cased name, keeping the first spelling: an import reuses a category before creating one. */
export const PRODUCT_CATEGORIES_COLLECTION = 'product_categories';
/** Every article, a product's own or one of its variants', by the article: the product that holds it (the first registered). */
export const PRODUCT_SKUS_COLLECTION = 'product_skus';

export interface ProductSkuDocument extends Record<string, unknown> {
  productId: string;
  /** Whether the article is a variant's rather than the product's own. */
  variant: boolean;
}

export interface ProductDocument extends Record<string, unknown> {
  id: string;
  sku: string;
  name: string;
  /** Lower-cased, trimmed name: what matching by name compares. */
  nameKey: string;
  description: string;
  unit: 'piece';
  category: string;
  isService: boolean;
  variants: ProductVariant[];
  /** The variants' articles, so a lookup by article also finds the product that holds it as a variant. */
  variantSkus: string[];
  showInEcommerce: boolean;
  syncStock: boolean;
  stock: number;
  /** The stock each integration was last told. */
  pushedStock: Record<string, number>;
  /** The stock-push history, newest last (the last 50 pushes). */
  stockPushes: { integrationId: string; quantity: number; at: string }[];
  /** Per integration, the product's listing on its platform. */
  publishedOn: Record<string, PlatformListing & { detailsSent: boolean; at: string }>;
  registeredAt: string;
  updatedAt: string;
  version: number;
}

/** The first product to hold an article keeps it: an item with that article always lands on the same product. */
async function rememberSku(tx: ReadModelTransaction, sku: string, productId: string, variant: boolean): Promise<void> {
  if (!sku || (await tx.get(PRODUCT_SKUS_COLLECTION, sku))) return;
  await tx.put(PRODUCT_SKUS_COLLECTION, sku, { productId, variant } satisfies ProductSkuDocument);
}

/** A category is kept under its lower-cased name. */
const categoryKey = (category: string) => category.trim().toLowerCase();

async function rememberCategory(tx: ReadModelTransaction, category: string): Promise<void> {
  const key = categoryKey(category);
  if (!key || (await tx.get(PRODUCT_CATEGORIES_COLLECTION, key))) return;
  await tx.put(PRODUCT_CATEGORIES_COLLECTION, key, { name: category.trim() });
}

export const productsProjection: Projection = {
  name: 'products',
  collections: [PRODUCTS_COLLECTION, PRODUCT_CATEGORIES_COLLECTION, PRODUCT_SKUS_COLLECTION],
  handles: new Set<ProductEvent['type']>([
    'ProductRegistered',
    'ProductVariantAdded',
    'ProductUpdated',
    'ProductPublishingChanged',
    'ProductStockSet',
    'ProductStockPushed',
    'ProductPublishedOnPlatform',
  ]),

  // The articles and category an event may remember are read with the batch too: a new article is one read less each.
  documentsOf: (recorded) => {
    const event = { type: recorded.type, data: recorded.data } as ProductEvent;
    const documents: (readonly [string, string])[] = [[PRODUCTS_COLLECTION, streamId(recorded.streamName)]];
    const skus = (skus: (string | undefined)[]) => skus.forEach((sku) => sku && documents.push([PRODUCT_SKUS_COLLECTION, sku]));
    const category = (name: string | undefined) => name && categoryKey(name) && documents.push([PRODUCT_CATEGORIES_COLLECTION, categoryKey(name)]);
    if (event.type === 'ProductRegistered') {
      skus([event.data.sku, ...event.data.variants.map((v) => v.sku)]);
      category(event.data.category);
    }
    if (event.type === 'ProductVariantAdded') skus([event.data.variant.sku]);
    if (event.type === 'ProductUpdated') {
      skus([event.data.changes.sku]);
      category(event.data.changes.category);
    }
    return documents;
  },

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ProductEvent;
    const id = streamId(recorded.streamName);
    const existing = await tx.get<ProductDocument>(PRODUCTS_COLLECTION, id);
    if (existing && recorded.version <= existing.version) return;
    const version = recorded.version;
    switch (event.type) {
      case 'ProductRegistered': {
        const { productId: _, registeredAt, ...details } = event.data;
        await rememberCategory(tx, details.category);
        await rememberSku(tx, details.sku, id, false);
        for (const variant of details.variants) await rememberSku(tx, variant.sku, id, true);
        const doc: ProductDocument = {
          id,
          ...details,
          nameKey: nameKey(details.name),
          variantSkus: details.variants.map((v) => v.sku),
          showInEcommerce: false,
          syncStock: false,
          stock: 0,
          pushedStock: {},
          stockPushes: [],
          publishedOn: {},
          registeredAt,
          updatedAt: registeredAt,
          version,
        };
        return tx.put(PRODUCTS_COLLECTION, id, doc);
      }
      case 'ProductVariantAdded': {
        if (!existing) return;
        await rememberSku(tx, event.data.variant.sku, id, true);
        const variants = [...existing.variants, event.data.variant];
        return tx.put(PRODUCTS_COLLECTION, id, { ...existing, variants, variantSkus: variants.map((v) => v.sku), updatedAt: event.data.addedAt, version });
      }
      case 'ProductPublishingChanged':
        if (!existing) return;
        return tx.put(PRODUCTS_COLLECTION, id, { ...existing, ...event.data.changes, updatedAt: event.data.at, version });
      case 'ProductStockSet':
        if (!existing) return;
        return tx.put(PRODUCTS_COLLECTION, id, { ...existing, stock: event.data.quantity, updatedAt: event.data.at, version });
      case 'ProductStockPushed': {
        if (!existing) return;
        const { integrationId, quantity, at } = event.data;
        return tx.put(PRODUCTS_COLLECTION, id, {
          ...existing,
          pushedStock: { ...existing.pushedStock, [integrationId]: quantity },
          stockPushes: [...(existing.stockPushes ?? []), { integrationId, quantity, at }].slice(-50),
          version,
        });
      }
      case 'ProductPublishedOnPlatform': {
        if (!existing) return;
        const { integrationId, ...listing } = event.data;
        return tx.put(PRODUCTS_COLLECTION, id, { ...existing, publishedOn: { ...existing.publishedOn, [integrationId]: listing }, version });
      }
      case 'ProductUpdated': {
        if (!existing) return;
        const next = { ...existing, ...event.data.changes, updatedAt: event.data.updatedAt, version };
        next.nameKey = nameKey(next.name);
        if (event.data.changes.category) await rememberCategory(tx, event.data.changes.category);
        if (event.data.changes.sku) await rememberSku(tx, event.data.changes.sku, id, false);
        return tx.put(PRODUCTS_COLLECTION, id, next);
      }
    }
  },
};

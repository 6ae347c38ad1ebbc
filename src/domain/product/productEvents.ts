import type { DomainEvent } from '../shared/decider.js';

/** One sellable variant (size, colour…) of a product, with its own article. */
export interface ProductVariant {
  sku: string;
  properties: Record<string, string>;
}

export interface ProductDetails {
  /** The article number; empty for a product known only by name. */
  sku: string;
  name: string;
  description: string;
  category: string;
  /** Items of the integration's services category become service lines, not stock. */
  isService: boolean;
}

export type ProductRegistered = DomainEvent<
  'ProductRegistered',
  ProductDetails & { productId: string; unit: 'piece'; variants: ProductVariant[]; registeredAt: string }
>;
export type ProductVariantAdded = DomainEvent<'ProductVariantAdded', { variant: ProductVariant; addedAt: string }>;
/** Only the fields that changed. */
export type ProductUpdated = DomainEvent<'ProductUpdated', { changes: Partial<ProductDetails>; updatedAt: string }>;

/** The flags that publish a product: shown in e-commerce, and its stock kept in sync on the platforms. */
export interface ProductPublishing {
  showInEcommerce: boolean;
  syncStock: boolean;
}

export type ProductPublishingChanged = DomainEvent<'ProductPublishingChanged', { changes: Partial<ProductPublishing>; at: string }>;
export type ProductStockSet = DomainEvent<'ProductStockSet', { quantity: number; at: string }>;
/** One line of the stock-push history: what a platform was told the stock is. */
export type ProductStockPushed = DomainEvent<'ProductStockPushed', { integrationId: string; quantity: number; at: string }>;

/** What one integration's platform holds for this product: its id there and the details it was given. */
export interface PlatformListing {
  externalId: string;
  name: string;
  description: string;
}
/** `detailsSent` is false when the platform had the article already and cannot update products through its API. */
export type ProductPublishedOnPlatform = DomainEvent<
  'ProductPublishedOnPlatform',
  PlatformListing & { integrationId: string; detailsSent: boolean; at: string }
>;

export type ProductEvent =
  | ProductRegistered
  | ProductVariantAdded
  | ProductUpdated
  | ProductPublishingChanged
  | ProductStockSet
  | ProductStockPushed
  | ProductPublishedOnPlatform;

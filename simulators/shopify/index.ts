// The simulator's public face: start one, seed it, sign webhooks like Shopify, and its entry for the simulator CLI.
export { startShopifySimulator, SIMULATED_API_VERSION } from './shopifySimulator.js';
export type { ShopifySimulator, ShopifySimulatorOptions, ShopifyRequestRecord } from './shopifySimulator.js';
export type { ShopifyStatusChange } from './shopifyResolvers.js';
export type { ShopifyAppCredentials } from './shopifyAccessTokens.js';
export type { ShopifyProductRecord, ShopifyVariantRecord, ShopifyLocationRecord } from './shopifyCatalogueStore.js';
export { seedShopifyOrders, seedShopifyProducts, type ShopifySeedOptions } from './shopifySeed.js';
export { signedDelivery, sendWebhook, type ShopifyDeliveryOptions } from './shopifyWebhookDelivery.js';
export { shopifyTime, type ShopifyOrderRecord, type ShopifyLineItemRecord, type ShopifyCustomerRecord, type ShopifyAddressRecord } from './shopifyOrderRecord.js';
export type { ShopifyOrderStore, RawShopifyOrder } from './shopifyOrderStore.js';
export { shopifySimulatorEntry } from './shopifySimulatorEntry.js';

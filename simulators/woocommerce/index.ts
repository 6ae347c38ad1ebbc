// The simulator's public face: start one, seed it, sign webhook deliveries the way WooCommerce does, and its CLI entry.
export { startWooCommerceSimulator, CORE_STATUSES } from './wooCommerceSimulator.js';
export type { WooCommerceSimulator, WooCommerceSimulatorOptions, WooCommerceStatusChange, WooCommerceRequestRecord } from './wooCommerceSimulator.js';
export { seedWooCommerceOrders, type WooCommerceSeedOptions } from './wooCommerceSeed.js';
export type { WooCommerceOrderRecord, WooCommerceLineItem, WooCommerceAddress } from './wooCommerceOrderRecord.js';
export { money, withTotals, wooTime } from './wooCommerceOrderRecord.js';
export type { WooCommerceOrderStore, RawWooCommerceOrder } from './wooCommerceOrderStore.js';
export type { WooCommerceProductRecord, WooCommerceStockWrite } from './wooCommerceCatalogue.js';
export { signedDelivery, pingDelivery, lowerCasedHeaders, phpJsonEncode, type SignedDeliveryOptions, type SignedWooCommerceDelivery } from './wooCommerceWebhookDelivery.js';
export { wooCommerceSimulatorEntry } from './wooCommerceSimulatorEntry.js';

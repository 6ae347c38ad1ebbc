// The only door into the Shopify adapter from outside this folder.
export { shopifyClientFor, shopifyPlatform } from './shopifyPlatform.js';
export { DEFAULT_SHOPIFY_API_VERSION, SHOPIFY_API_VERSIONS } from './shopifyApiVersion.js';

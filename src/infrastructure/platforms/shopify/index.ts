// The only door into the Shopify adapter from outside this folder.
export { shopifyClientFor, shopifyPlatform } from './shopifyPlatform.js';

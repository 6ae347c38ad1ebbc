// The only door into the WooCommerce adapter from outside this folder.
export { woocommerceClientFor, woocommercePlatform } from './woocommercePlatform.js';

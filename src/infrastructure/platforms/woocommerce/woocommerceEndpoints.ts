// A connection names the WordPress site; the REST API and the order admin pages hang off it.

export interface WoocommerceEndpoints {
  /** e.g. https://shop.example.com/wp-json/wc/v3 */
  apiBaseUrl: string;
  /** The WordPress admin page of one order. */
  orderUrl(orderId: string): string;
}

const API_SUFFIX = /\/wp-json\/wc\/v3\/?$/i;

export function woocommerceEndpoints(baseUrl: string): WoocommerceEndpoints {
  // People paste the API address as often as the site's: both lead to the same site.
  const site = baseUrl.trim().replace(/\/+$/, '').replace(API_SUFFIX, '');
  new URL(site); // a base URL that is not a URL fails here, before any request
  return {
    apiBaseUrl: `${site}/wp-json/wc/v3`,
    orderUrl: (orderId) => `${site}/wp-admin/post.php?post=${encodeURIComponent(orderId)}&action=edit`,
  };
}

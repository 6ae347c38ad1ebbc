// How WooCommerce takes a REST key (WC_REST_Authentication): over HTTPS the key and secret as Basic auth, or as
// consumer_key/consumer_secret query parameters where a host strips the Authorization header; over plain HTTP only an
// OAuth 1.0a one-legged signature (HMAC-SHA256, nonce, timestamp, RFC 5849 base string), so the secret never travels.
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { SignedRequest } from '../http/platformHttp.js';

export interface WoocommerceKey {
  consumerKey: string;
  consumerSecret: string;
  /** Over HTTPS: send the key and secret as query parameters instead of Basic auth. */
  queryStringAuth?: boolean;
}

export type WoocommerceAuthMode = 'basic' | 'query-string' | 'oauth1';

export interface WoocommerceAuth {
  mode: WoocommerceAuthMode;
  headers(request: SignedRequest): Record<string, string>;
  query(request: SignedRequest): Record<string, string>;
  /** What the requests carry that must never reach a message (the Basic token). */
  secrets: string[];
}

/** The way WooCommerce accepts the key at this API address. */
export function woocommerceAuth(apiBaseUrl: string, key: WoocommerceKey): WoocommerceAuth {
  const overTls = new URL(apiBaseUrl).protocol === 'https:';
  if (!overTls) return oauthSigned(key);
  if (key.queryStringAuth) {
    return { mode: 'query-string', headers: () => ({}), query: () => ({ consumer_key: key.consumerKey, consumer_secret: key.consumerSecret }), secrets: [] };
  }
  const basic = Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64');
  return { mode: 'basic', headers: () => ({ Authorization: `Basic ${basic}` }), query: () => ({}), secrets: [basic] };
}

/** The signature covers the method, the URL without its query, the request's own parameters and the OAuth ones. */
function oauthSigned(key: WoocommerceKey): WoocommerceAuth {
  const oauth = new OAuth({
    consumer: { key: key.consumerKey, secret: key.consumerSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, signingKey) => createHmac('sha256', signingKey).update(base).digest('base64'),
  });
  return {
    mode: 'oauth1',
    headers: () => ({}),
    // In the query, as the official client sends them: hosts that strip the Authorization header leave the query alone.
    query: ({ method, url }) => {
      const signed = oauth.authorize({ url: `${url.origin}${url.pathname}`, method, data: Object.fromEntries(url.searchParams) });
      return Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, String(value)]));
    },
    secrets: [],
  };
}

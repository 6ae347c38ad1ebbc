// WooCommerce's flavour of the shared platform HTTP: the REST key as WooCommerce takes it (woocommerceAuth.ts), WP's error shape.
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';
import { woocommerceAuth, type WoocommerceAuthMode, type WoocommerceKey } from './woocommerceAuth.js';

export interface WoocommerceHttpOptions extends HttpTuning, WoocommerceKey {
  /** e.g. https://shop.example.com/wp-json/wc/v3 */
  baseUrl: string;
  /** Not sent anywhere, but held by the client: scrubbed from messages like the others. */
  webhookSecret?: string;
}

/** WooCommerce core sets no REST limit; hosts do. Two a second stays clear of the usual host limits. */
export const WOOCOMMERCE_REQUESTS_PER_MINUTE = 120;

/** A WooCommerce client holds three secrets and, over HTTPS, the Basic token made of two: all are scrubbed from messages. */
export class WoocommerceHttp extends PlatformHttp {
  readonly authMode: WoocommerceAuthMode;

  constructor(options: WoocommerceHttpOptions) {
    const auth = woocommerceAuth(options.baseUrl, options);
    super({
      requestsPerMinute: WOOCOMMERCE_REQUESTS_PER_MINUTE,
      ...options,
      platform: 'woocommerce',
      label: 'WooCommerce',
      credential: options.consumerKey,
      otherSecrets: [...auth.secrets, options.consumerSecret, options.webhookSecret ?? ''],
      authHeaders: auth.headers,
      authQuery: auth.query,
      errorMessage: woocommerceErrorMessage,
    });
    this.authMode = auth.mode;
  }
}

/** WordPress REST errors are `{code, message, data: {status}}`; the code says what kind, the message says it to a person. */
export function woocommerceErrorMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return '';
    const { code, message } = body as { code?: unknown; message?: unknown };
    const parts = [typeof message === 'string' ? message : '', typeof code === 'string' ? `(${code})` : ''].filter(Boolean);
    return parts.join(' ').slice(0, 500);
  } catch {
    return ''; // not the platform's error format: its body is never repeated
  }
}

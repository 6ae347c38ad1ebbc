// WooCommerce's flavour of the shared platform HTTP: Basic auth with the consumer key and secret, WP's error shape.
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';

export interface WoocommerceHttpOptions extends HttpTuning {
  /** e.g. https://shop.example.com/wp-json/wc/v3 */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Not sent anywhere, but held by the client: scrubbed from messages like the others. */
  webhookSecret?: string;
}

/** WooCommerce core sets no REST limit; hosts do. Two a second stays clear of the usual host limits. */
export const WOOCOMMERCE_REQUESTS_PER_MINUTE = 120;

/** A WooCommerce client holds three secrets and the Basic token made of two: all are scrubbed from messages. */
export class WoocommerceHttp extends PlatformHttp {
  constructor(options: WoocommerceHttpOptions) {
    const basic = Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64');
    super({
      requestsPerMinute: WOOCOMMERCE_REQUESTS_PER_MINUTE,
      ...options,
      platform: 'woocommerce',
      label: 'WooCommerce',
      credential: options.consumerKey,
      otherSecrets: [basic, options.consumerSecret, options.webhookSecret ?? ''],
      authHeaders: () => ({ Authorization: `Basic ${basic}` }),
      errorMessage: woocommerceErrorMessage,
    });
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

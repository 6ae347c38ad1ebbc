// Shopify's flavour of the shared platform HTTP: the access-token header, Shopify's error shape, and every request
// held by the shop's leaky bucket (429 + Retry-After are still honoured by PlatformHttp should another app drain it).
import { PlatformRequestError } from '../../../application/ports/platformClient.js';
import { PlatformHttp, type HttpTuning, type PlatformAnswer, type RequestSpec } from '../http/platformHttp.js';
import { callBucketFor, readCallLimit, type ShopifyCallBucket } from './shopifyCallLimit.js';
import { shopifyErrorMessage } from './shopifyErrorMessage.js';

export interface ShopifyHttpOptions extends HttpTuning {
  /** e.g. https://acme.myshopify.com/admin/api/2024-10 */
  baseUrl: string;
  accessToken: string;
  /** How fast the shop's bucket drains: 2 a second on standard plans (more on Advanced and Plus, never less). */
  leakPerSecond?: number;
  /** Other secrets of the connection, scrubbed from messages like the token. */
  alsoRedact?: string[];
}

/** The shared HTTP behind the shop's bucket. */
export class ShopifyHttp {
  private readonly http: PlatformHttp;
  private readonly bucket: ShopifyCallBucket;

  constructor(options: ShopifyHttpOptions) {
    if (!options.accessToken) throw new PlatformRequestError('shopify', 401, 'Shopify connection has no access token');
    this.bucket = callBucketFor(new URL(options.baseUrl).origin, options.accessToken, options.leakPerSecond ?? 2);
    this.http = new PlatformHttp({
      // A bucket of 40 leaking 2 a second never overflows under 40 requests in any 20 s: a backstop to the bucket model.
      requestsPerMinute: 40,
      rateWindowMs: 20_000,
      ...options,
      platform: 'shopify',
      label: 'Shopify',
      credential: options.accessToken,
      otherSecrets: options.alsoRedact,
      authHeaders: () => ({ 'X-Shopify-Access-Token': options.accessToken }),
      errorMessage: shopifyErrorMessage,
      onHeaders: (headers) => {
        const limit = readCallLimit(headers.get('x-shopify-shop-api-call-limit'));
        if (limit) this.bucket.observe(limit);
      },
    });
  }

  async send(request: RequestSpec): Promise<PlatformAnswer> {
    await this.bucket.take(request.signal);
    return this.http.send(request);
  }

  async get(path: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'GET', path, signal })).body;
  }

  /** The answer, or undefined when Shopify says 404. */
  async getOptional(path: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'GET', path, signal, notFoundIsAnswer: true })).body;
  }

  async post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'POST', path, body, signal })).body;
  }
}

// One GraphQL Admin API call end to end: a token (renewed once when Shopify says 401), a place in the app's cost bucket,
// POST /admin/api/<version>/graphql.json through the shared platform HTTP (timeouts, retries of transient failures, body
// limits), then Shopify's answer read: its cost learned, THROTTLED waited out and retried, any other error refused.
import { PlatformRequestError, PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';
import type { ShopifyTokenSource } from './shopifyAccessToken.js';
import { costBucketFor, type ShopifyCostBucket, type ThrottleStatus } from './shopifyCostBucket.js';
import type { ShopifyDocument } from './shopifyDocuments.js';
import { messageOf, shopifyErrorMessage } from './shopifyErrorMessage.js';

export interface ShopifyGraphqlOptions extends HttpTuning {
  /** e.g. https://acme.myshopify.com/admin/api/2026-10 */
  apiBaseUrl: string;
  tokens: ShopifyTokenSource;
  /** Names the app for the cost bucket (the client id, or the legacy token): the bucket is per app and shop. */
  app: string;
  /** THROTTLED answers waited out for one call before it fails (another app or process drained the bucket). */
  maxThrottledRetries?: number;
  /** A bucket of its own instead of the process-wide one of the shop and app (tests). */
  bucket?: ShopifyCostBucket;
}

/** A query Shopify will never run as it is: its requested cost is above the single-query maximum or the bucket. */
export class ShopifyQueryTooCostly extends Error {
  constructor(
    readonly requested: number,
    readonly maxCost: number,
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyQueryTooCostly';
  }
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown;
  extensions?: { cost?: { requestedQueryCost?: unknown; throttleStatus?: ThrottleStatus } };
}

export class ShopifyGraphql {
  private readonly http: PlatformHttp;
  readonly bucket: ShopifyCostBucket;
  /** The token the request in hand is sent with. */
  private token = '';

  constructor(private readonly options: ShopifyGraphqlOptions) {
    this.bucket = options.bucket ?? costBucketFor(new URL(options.apiBaseUrl).origin, options.app, options);
    this.http = new PlatformHttp({
      // GraphQL is limited by cost, not by requests; this is only a backstop against a loop.
      requestsPerMinute: 1200,
      ...options,
      platform: 'shopify',
      label: 'Shopify',
      baseUrl: options.apiBaseUrl,
      credential: options.app,
      otherSecrets: options.tokens.secrets as string[],
      authHeaders: () => ({ 'X-Shopify-Access-Token': this.token }),
      errorMessage: shopifyErrorMessage,
    });
  }

  /** Runs the operation and answers its data; `first` is the page size when the operation is paged. */
  async run(document: ShopifyDocument, variables: Record<string, unknown>, { signal: callSignal, first }: { signal?: AbortSignal; first?: number } = {}): Promise<Record<string, unknown>> {
    const key = costKey(document, variables);
    // A run asked to stop (the connection's signal) also ends a wait for the bucket or a token.
    const stopped = [callSignal, this.options.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = stopped.length > 1 ? AbortSignal.any(stopped) : stopped[0];
    let renewedToken = false;
    for (let throttled = 0; ; ) {
      const reservation = await this.bucket.reserve(this.bucket.estimate(key, first), signal);
      let answer: Answer;
      try {
        this.token = await this.options.tokens.token(signal);
        const { body } = await this.http.send({ method: 'POST', path: '/graphql.json', body: { query: document.text, variables, operationName: document.name }, signal });
        answer = (typeof body === 'object' && body !== null ? body : {}) as Answer;
      } catch (error) {
        reservation.settle(undefined);
        // An expired or revoked token: a client-credentials app asks for a new one, once.
        if (error instanceof PlatformRequestError && error.status === 401 && !renewedToken && this.options.tokens.refused(this.token)) {
          renewedToken = true;
          continue;
        }
        throw error;
      }
      const cost = answer.extensions?.cost;
      reservation.settle(cost?.throttleStatus);
      if (typeof cost?.requestedQueryCost === 'number') this.bucket.learn(key, cost.requestedQueryCost, first);
      const errors = Array.isArray(answer.errors) ? answer.errors : [];
      const codes = errors.map((error) => (error as { extensions?: { code?: unknown } })?.extensions?.code);
      if (codes.includes('THROTTLED')) {
        this.bucket.throttled(cost?.throttleStatus);
        if (++throttled > (this.options.maxThrottledRetries ?? 5)) {
          throw new PlatformUnavailableError('shopify', `Shopify ${document.name} was throttled ${throttled} times in a row: another app or process is using this app's cost bucket`);
        }
        continue;
      }
      if (codes.includes('MAX_COST_EXCEEDED')) {
        const extensions = (errors[codes.indexOf('MAX_COST_EXCEEDED')] as { extensions: { cost?: unknown; maxCost?: unknown } }).extensions;
        const requested = typeof extensions.cost === 'number' ? extensions.cost : Number(cost?.requestedQueryCost);
        throw new ShopifyQueryTooCostly(requested, Number(extensions.maxCost), `Shopify refused ${document.name}: ${errors.map(messageOf).join('; ').slice(0, 300)}`);
      }
      if (errors.length > 0) throw refusal(document, errors, codes);
      if (typeof answer.data !== 'object' || answer.data === null) {
        throw new PlatformUnavailableError('shopify', `Shopify answered ${document.name} without data`);
      }
      return answer.data;
    }
  }
}

/** What decides a call's cost: the operation and its numbers (page sizes); cursors, ids and filters do not. */
function costKey(document: ShopifyDocument, variables: Record<string, unknown>): string {
  const sizes = Object.entries(variables).filter(([, value]) => typeof value === 'number');
  return `${document.name}\n${JSON.stringify(sizes)}`;
}

function refusal(document: ShopifyDocument, errors: unknown[], codes: unknown[]): PlatformRequestError {
  const said = errors.map(messageOf).filter(Boolean).join('; ').slice(0, 500);
  // A missing access scope is the merchant's to grant: it says which.
  const status = codes.includes('ACCESS_DENIED') ? 403 : 400;
  return new PlatformRequestError('shopify', status, `Shopify refused ${document.name}${said ? `: ${said}` : ''}`);
}

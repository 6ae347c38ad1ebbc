// The Admin API token of a connection: a legacy custom app's permanent token as given, or one asked for with the OAuth
// client credentials grant (a Dev Dashboard app's client id and secret), kept in memory only, asked for again shortly
// before it expires, and once more when Shopify says 401. One cache per shop and app for the whole process, so runs and
// clients share a token instead of asking for one each.
import { createHash } from 'node:crypto';
import { PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';
import { shopifyErrorMessage } from './shopifyErrorMessage.js';

export interface ShopifyTokenSource {
  /** A token to send now. */
  token(signal?: AbortSignal): Promise<string>;
  /** Shopify refused `token` (401): the next call gets a fresh one, when this source can get one. */
  refused(token: string): boolean;
  /** Every secret this source holds or held, for scrubbing messages. */
  readonly secrets: readonly string[];
}

/** A legacy custom app's token: nothing to renew, so a 401 stands. */
export function staticToken(accessToken: string): ShopifyTokenSource {
  return { token: async () => accessToken, refused: () => false, secrets: [accessToken] };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

interface Cached {
  token: string;
  expiresAt: number;
}

const TOKEN_PATH = '/admin/oauth/access_token';

const cache = new Map<string, { current?: Cached; pending?: Promise<Cached> }>();

/** Tokens from the client credentials grant for one shop and app. */
export class ClientCredentialsToken implements ShopifyTokenSource {
  private readonly http: PlatformHttp;
  private readonly slot: { current?: Cached; pending?: Promise<Cached> };
  private readonly held: string[];
  private readonly now: () => number;

  constructor(
    /** The shop's origin: the grant is asked for at /admin/oauth/access_token. */
    shop: string,
    private readonly credentials: ClientCredentials,
    tuning: HttpTuning = {},
  ) {
    const key = `${shop}\n${credentials.clientId}\n${createHash('sha256').update(credentials.clientSecret).digest('hex')}`;
    this.slot = cache.get(key) ?? {};
    cache.set(key, this.slot);
    this.held = [credentials.clientSecret];
    this.now = tuning.now ?? Date.now;
    this.http = new PlatformHttp({
      ...tuning,
      // A token lives for a day: a handful of requests a minute is plenty, and keeps a wrong secret from hammering Shopify.
      requestsPerMinute: 10,
      rateWindowMs: 60_000,
      platform: 'shopify',
      label: 'Shopify',
      baseUrl: shop,
      credential: credentials.clientSecret,
      otherSecrets: this.held,
      authHeaders: () => ({}),
      errorMessage: shopifyErrorMessage,
    });
  }

  get secrets(): readonly string[] {
    return this.held;
  }

  async token(signal?: AbortSignal): Promise<string> {
    const current = this.slot.current;
    if (current && this.now() < current.expiresAt) return current.token;
    this.slot.pending ??= this.grant(signal).finally(() => (this.slot.pending = undefined));
    return (await this.slot.pending).token;
  }

  refused(token: string): boolean {
    if (this.slot.current?.token === token) this.slot.current = undefined;
    return true;
  }

  private async grant(signal?: AbortSignal): Promise<Cached> {
    const asked = this.now();
    const { body } = await this.http.send({
      method: 'POST',
      path: TOKEN_PATH,
      body: { client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret, grant_type: 'client_credentials' },
      signal,
    });
    const { access_token: token, expires_in: expiresIn } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      throw new PlatformUnavailableError('shopify', 'Shopify answered the client credentials grant without an access_token and expires_in');
    }
    this.held.push(token);
    // Renewed a tenth of its life (at most five minutes) before it runs out, counted from when it was asked for.
    const lifetime = expiresIn * 1000;
    const cached = { token, expiresAt: asked + lifetime - Math.min(lifetime / 10, 5 * 60_000) };
    this.slot.current = cached;
    return cached;
  }
}

// Who may call the simulated shop: a Dev Dashboard app trading its client id and secret for expiring tokens
// (POST /admin/oauth/access_token, grant_type=client_credentials), and/or a legacy custom app's permanent token.
import { randomBytes } from 'node:crypto';
import { HttpAnswer } from '../shared/simulatorHttp.js';

export interface ShopifyAppCredentials {
  clientId: string;
  clientSecret: string;
  /** How long a granted token lives; Shopify's last about 24 hours (86 399 s). */
  tokenTtlSeconds?: number;
  /** The access scopes the app's version was given, as the token answer lists them. */
  scopes?: readonly string[];
}

export const DEFAULT_SCOPES = [
  'read_orders',
  'write_orders',
  'read_customers',
  'read_products',
  'read_inventory',
  'write_inventory',
  'read_locations',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
] as const;

interface Grant {
  token: string;
  expiresAt: number;
}

export class ShopifyAccessTokens {
  private readonly grants: Grant[] = [];
  /** Token requests answered, granted or refused. */
  tokenRequests = 0;

  constructor(
    private readonly app: ShopifyAppCredentials | undefined,
    private readonly legacyToken: string | undefined,
    private readonly now: () => number,
  ) {}

  /** The token endpoint: form-encoded (as Shopify documents it) or JSON (as its Node library sends it). */
  grant(fields: Record<string, unknown>): HttpAnswer {
    this.tokenRequests++;
    if (fields.grant_type !== 'client_credentials') {
      return new HttpAnswer(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    }
    if (!this.app || fields.client_id !== this.app.clientId || fields.client_secret !== this.app.clientSecret) {
      return new HttpAnswer(400, { error: 'invalid_client', error_description: 'Client authentication failed: unknown client_id or wrong client_secret' });
    }
    const ttl = this.app.tokenTtlSeconds ?? 86_399;
    const grant = { token: `shpat_${randomBytes(16).toString('hex')}`, expiresAt: this.now() + ttl * 1000 };
    this.grants.push(grant);
    return new HttpAnswer(200, { access_token: grant.token, scope: (this.app.scopes ?? DEFAULT_SCOPES).join(','), expires_in: ttl });
  }

  /** Whether a request's X-Shopify-Access-Token opens the API now: the legacy token, or a granted one not yet expired. */
  accepts(token: string | undefined): boolean {
    if (!token) return false;
    if (this.legacyToken !== undefined && token === this.legacyToken) return true;
    const grant = this.grants.find((candidate) => candidate.token === token);
    return grant !== undefined && grant.expiresAt > this.now();
  }

  /** Every token granted so far stops working now, as if its lifetime had run out. */
  expireAll(): void {
    for (const grant of this.grants) grant.expiresAt = Math.min(grant.expiresAt, this.now());
  }

  get granted(): number {
    return this.grants.length;
  }
}

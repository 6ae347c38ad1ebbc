// WooCommerce's WC_REST_Authentication, as its source reads: over TLS the key as Basic auth or as
// consumer_key/consumer_secret query parameters; otherwise (and also over TLS) an OAuth 1.0a one-legged signature
// checked the way WooCommerce checks it, with a 15-minute timestamp window and each nonce used once. A request without
// any credentials authenticates nobody: the route itself then refuses it (wooCommerceRefusals.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A WP_Error as WordPress sends it: {code, message, data: {status}}. */
export interface WpError {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Someone authenticated, nobody (no credentials at all), or an error that ends the request. */
export type Authentication = { kind: 'key' } | { kind: 'nobody' } | { kind: 'refused'; error: WpError };

export interface WooCommerceKeyRecord {
  consumerKey: string;
  consumerSecret: string;
}

const WINDOW_SECONDS = 15 * 60;
const REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
const BASIC_REALM = 'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."';

/** PHP's rawurlencode: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

const authError = (message: string, code = 'woocommerce_rest_authentication_error'): Authentication => ({ kind: 'refused', error: { status: 401, code, message } });

export class WooCommerceAuthentication {
  /** Nonces used within the window, with their timestamps: a replayed request is refused. */
  private readonly usedNonces = new Map<string, number>();

  constructor(
    private readonly key: WooCommerceKeyRecord,
    /** The site's home URL (scheme, host, port): the base string is built on it, as get_home_url() does. */
    private readonly homeUrl: () => string,
    private readonly tls: boolean,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  authenticate(request: IncomingMessage, url: URL): Authentication {
    if (this.tls) {
      const basic = this.basic(request, url);
      if (basic) return basic;
    }
    return this.oauth(request, url);
  }

  /** undefined: no key given this way (WooCommerce then tries OAuth); a wrong secret is an error. */
  private basic(request: IncomingMessage, url: URL): Authentication | undefined {
    let key = url.searchParams.get('consumer_key') ?? '';
    let secret = url.searchParams.get('consumer_secret') ?? '';
    if (!key || !secret) [key, secret] = basicCredentials(request.headers.authorization);
    if (!key || !secret || key !== this.key.consumerKey) return undefined;
    if (!sameText(secret, this.key.consumerSecret)) {
      return { kind: 'refused', error: { status: 401, code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', headers: { 'WWW-Authenticate': BASIC_REALM } } };
    }
    return { kind: 'key' };
  }

  private oauth(request: IncomingMessage, url: URL): Authentication {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    Object.assign(params, oauthHeader(request.headers.authorization));
    const missing = REQUIRED.filter((name) => !params[name]);
    if (missing.length === REQUIRED.length) return { kind: 'nobody' };
    if (missing.length > 0) {
      return authError(`Missing OAuth parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 'woocommerce_rest_authentication_missing_parameter');
    }
    if (params.oauth_consumer_key !== this.key.consumerKey) return authError('Consumer key is invalid.');
    const signatureProblem = this.signatureProblem(request.method ?? 'GET', url, params);
    if (signatureProblem) return authError(signatureProblem);
    return this.freshness(Number(params.oauth_timestamp), params.oauth_nonce!);
  }

  /** check_oauth_signature: the parameters sorted, each "key=value" encoded twice, joined with %26, HMAC with "secret&". */
  private signatureProblem(method: string, url: URL, params: Record<string, string>): string | undefined {
    const { oauth_signature: given, ...signed } = params;
    const consumerSignature = decodeURIComponent(given!.replace(/ /g, '+'));
    const pairs = Object.keys(signed)
      .sort()
      .map((name) => rfc3986(`${rfc3986(name)}=${rfc3986(signed[name]!)}`));
    const base = `${method.toUpperCase()}&${rfc3986(`${this.homeUrl()}${url.pathname}`)}&${pairs.join('%26')}`;
    const algorithm = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256' }[signed.oauth_signature_method!];
    if (!algorithm) return 'Invalid signature - signature method is invalid.';
    const expected = createHmac(algorithm, `${this.key.consumerSecret}&`).update(base).digest('base64');
    return sameText(expected, consumerSignature) ? undefined : 'Invalid signature - provided signature does not match.';
  }

  /** check_oauth_timestamp_and_nonce: within 15 minutes of now, and a nonce not used in that window. */
  private freshness(timestamp: number, nonce: string): Authentication {
    const now = this.nowSeconds();
    if (!Number.isFinite(timestamp) || timestamp < now - WINDOW_SECONDS || timestamp > now + WINDOW_SECONDS) return authError('Invalid timestamp.');
    for (const [used, at] of this.usedNonces) if (at < now - WINDOW_SECONDS) this.usedNonces.delete(used);
    if (this.usedNonces.has(nonce)) return authError('Invalid nonce - nonce has already been used.');
    this.usedNonces.set(nonce, timestamp);
    return { kind: 'key' };
  }
}

function basicCredentials(header: string | undefined): [string, string] {
  if (!header?.startsWith('Basic ')) return ['', ''];
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  return split < 0 ? [decoded, ''] : [decoded.slice(0, split), decoded.slice(split + 1)];
}

/** parse_header: the oauth_* parameters of an "Authorization: OAuth …" header. */
function oauthHeader(header: string | undefined): Record<string, string> {
  if (!header?.trim().startsWith('OAuth ')) return {};
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)) params[match[1]!] = decodeURIComponent(match[2] ?? match[3] ?? '');
  return params;
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

// Horoshop's API as one function call: a token got lazily from `auth`, sent in the body of every call, renewed
// once transparently when Horoshop says it expired; concurrent calls share one in-flight authentication.
import { PlatformRequestError } from '../../../application/ports/platformClient.js';
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';
import { sanitisedDetail } from '../http/responseBody.js';
import { cartumEndpoints } from './cartumEndpoints.js';
import { errorOf, readEnvelope, type CartumAnswer } from './cartumEnvelope.js';

export interface CartumApiOptions extends HttpTuning {
  /** The shop's domain, e.g. https://shop.example.ua (the API lives under /api/). */
  baseUrl: string;
  login: string;
  password: string;
  /** Renew a token this long after it was issued even if Horoshop has not refused it yet (tokens live 600 s). */
  tokenTtlMs?: number;
}

/** A successful answer: the response (undefined for EMPTY) and whether Horoshop said WARNING. */
export type CartumResult = { empty: true } | { empty: false; warning: boolean; response: unknown };

interface Token {
  value: string;
  issuedAt: number;
}

export class CartumApi {
  readonly http: PlatformHttp;
  private token: Token | undefined;
  private pendingAuth: Promise<Token> | undefined;
  private readonly tokenTtlMs: number;
  /** How many times this client logged in, for tests and logs. */
  authentications = 0;

  constructor(private readonly options: CartumApiOptions) {
    if (!options.login || !options.password) throw new PlatformRequestError('cartum', 401, 'Cartum connection needs a login and a password');
    this.tokenTtlMs = options.tokenTtlMs ?? 570_000;
    // Horoshop publishes no request limit; 55 a minute per login keeps a shared shop responsive.
    this.http = new PlatformHttp({
      requestsPerMinute: 55,
      ...options,
      platform: 'cartum',
      label: 'Cartum',
      baseUrl: cartumEndpoints(options.baseUrl).apiBaseUrl,
      credential: options.password,
      authHeaders: () => ({}),
    });
  }

  /** Calls `<base>/api/<fn>/` with the token; an error envelope becomes the port's error. */
  async call(fn: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<CartumResult> {
    let token = await this.currentToken(signal);
    let answer = await this.post(fn, { ...params, token: token.value }, signal);
    if (answer.kind === 'token-refused') {
      this.forget(token);
      token = await this.currentToken(signal);
      answer = await this.post(fn, { ...params, token: token.value }, signal);
      if (answer.kind === 'token-refused') {
        this.forget(token);
        throw new PlatformRequestError('cartum', 401, this.redact(`Cartum ${fn} refused a fresh token`), this.detailOf(answer.message));
      }
    }
    if (answer.kind === 'error') throw errorOf(answer, fn, (text) => this.redact(text));
    if (answer.kind === 'empty') return { empty: true };
    return { empty: false, warning: answer.status === 'WARNING', response: answer.response };
  }

  /** Scrubs the password and the current token from text that may reach a log or a client. */
  redact(text: string): string {
    const scrubbed = this.http.redact(text);
    return this.token ? scrubbed.split(this.token.value).join('[redacted]') : scrubbed;
  }

  /** Horoshop's words for operators only, scrubbed of the password and token. */
  private detailOf(said: string): string | undefined {
    return said ? sanitisedDetail(this.redact(said)) : undefined;
  }

  private async post(fn: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<CartumAnswer> {
    const answer = await this.http.send({ method: 'POST', path: `/${fn}/`, body, signal });
    return readEnvelope(answer.body);
  }

  private forget(stale: Token): void {
    // A concurrent call may already have renewed it: only the token that was refused is dropped.
    if (this.token === stale) this.token = undefined;
  }

  private async currentToken(signal?: AbortSignal): Promise<Token> {
    if (this.token && this.http.now() - this.token.issuedAt < this.tokenTtlMs) return this.token;
    this.pendingAuth ??= this.authenticate(signal).finally(() => (this.pendingAuth = undefined));
    return this.pendingAuth;
  }

  private async authenticate(signal?: AbortSignal): Promise<Token> {
    this.token = undefined;
    const answer = await this.post('auth', { login: this.options.login, password: this.options.password }, signal);
    if (answer.kind === 'error' && answer.transient) throw errorOf(answer, 'auth', (text) => this.redact(text));
    const token = answer.kind === 'ok' ? (answer.response as { token?: unknown } | null)?.token : undefined;
    if (typeof token !== 'string' || token === '') {
      const said = answer.kind === 'error' || answer.kind === 'token-refused' ? answer.message : '';
      throw new PlatformRequestError('cartum', 401, this.redact('Cartum refused the login and password'), this.detailOf(said));
    }
    this.authentications++;
    this.token = { value: token, issuedAt: this.http.now() };
    return this.token;
  }
}

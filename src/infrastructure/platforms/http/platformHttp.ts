// One platform request end to end: auth headers, pacing, timeout, bounded retries; answers with JSON or a port error.
import { channel } from 'node:diagnostics_channel';
import { STATUS_CODES } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { PlatformRequestError, PlatformUnavailableError, type PlatformName } from '../../../application/ports/platformClient.js';
import { retriedAtOnce } from '../../../domain/platform/platformFailure.js';
import { pacerFor, type Now, type RequestPacer, type Sleep } from './requestPacer.js';
import { OutboundRefusedError } from './outboundPolicy.js';
import { policedFetch } from './policedFetch.js';
import { FailedAttempt, parseJsonBody, readBodyText, sanitisedDetail } from './responseBody.js';
import { backoffMs, retryAfterMs } from './retry.js';

/** The knobs every adapter shares; each platform sets its own defaults for the limit. */
export interface HttpTuning {
  /** Requests allowed per `rateWindowMs` for one credential. */
  requestsPerMinute?: number;
  /** Length of the pacing window: a minute in production, shorter in tests. */
  rateWindowMs?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  maxBodyBytes?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** A Retry-After longer than this is not waited out in-process: the caller reschedules instead. */
  maxRetryAfterMs?: number;
  /** Every request of this client ends at once when it aborts, waits included (a run asked to stop). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** A certificate authority (PEM) trusted for this client's HTTPS besides the system's: a test's or a private shop's. */
  ca?: string;
  sleep?: Sleep;
  random?: () => number;
  now?: Now;
}

export interface PlatformHttpOptions extends HttpTuning {
  platform: PlatformName;
  /** The platform's name as people write it, for messages. */
  label: string;
  baseUrl: string;
  /** The credential the pacer is keyed by (hashed) and every message is scrubbed of. */
  credential: string;
  /** The connection's other secrets (a second key, a webhook secret, a token built from them), scrubbed likewise. */
  otherSecrets?: string[];
  /** Headers that authenticate a request, made for each attempt from its method and URL (a signature covers them). */
  authHeaders: (request: SignedRequest) => Record<string, string>;
  /** Query parameters that authenticate a request, made for each attempt after its own parameters (which they may sign). */
  authQuery?: (request: SignedRequest) => Record<string, string>;
  /** The platform's own words from an error answer in the platform's own format; '' for any other answer (never repeated). */
  errorMessage?: (text: string) => string;
  /** Sees every answer's headers before it is read, e.g. to follow a platform's call-limit header. */
  onHeaders?: (headers: Headers) => void;
}

export type Query = Record<string, string | number>;

/** What a request's authentication is made from: its method and its URL with its own query parameters. */
export interface SignedRequest {
  method: string;
  url: URL;
}

export interface RequestSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** 404 means "no such thing" to the caller rather than an error. */
  notFoundIsAnswer?: boolean;
}

/** The JSON body (undefined for an empty write answer or an accepted 404) and the headers it came with. */
export interface PlatformAnswer {
  body: unknown;
  headers: Headers;
}

/** One attempt's outcome: the HTTP status, or why there was none. */
export interface PlatformRequestObserved {
  platform: PlatformName;
  method: RequestSpec['method'];
  status: number | 'timeout' | 'network' | 'aborted';
}
/** Every attempt is published here (diagnostics_channel): metrics subscribe without any adapter passing an observer along. */
export const platformRequestChannel = channel('synchub.platform.request');

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export class PlatformHttp {
  private readonly baseUrl: string;
  readonly pacer: RequestPacer;
  private readonly fetch: typeof fetch;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  readonly now: Now;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxBodyBytes: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: PlatformHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // The outbound policy's fetch: allowed addresses only, pinned per connection, no redirects followed.
    this.fetch = options.fetch ?? policedFetch(options.ca);
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffCapMs = options.backoffCapMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    const limit = Math.max(1, options.requestsPerMinute ?? 55);
    this.pacer = pacerFor(new URL(this.baseUrl).origin, options.credential, limit, options.rateWindowMs ?? 60_000);
  }

  async get(path: string, query: Query, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'GET', path, query, signal })).body;
  }

  /** The answer, or undefined when the platform says 404. */
  async getOptional(path: string, query: Query, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'GET', path, query, signal, notFoundIsAnswer: true })).body;
  }

  async put(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'PUT', path, body, signal })).body;
  }

  async post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return (await this.send({ method: 'POST', path, body, signal })).body;
  }

  async send(spec: RequestSpec): Promise<PlatformAnswer> {
    const request = { ...spec, signal: anySignal(spec.signal, this.options.signal) };
    const what = `${request.method} ${request.path}`;
    let last: FailedAttempt | undefined;
    let attempts = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      attempts = attempt;
      if (last) await this.sleep(backoffMs(attempt - 1, this.backoffBaseMs, this.backoffCapMs, this.random), request.signal);
      try {
        return await this.attempt(request, what);
      } catch (error) {
        if (!(error instanceof FailedAttempt)) throw error;
        last = error;
        if (error.retryAfterMs !== undefined) {
          if (error.retryAfterMs > this.maxRetryAfterMs) break;
          this.pacer.pauseUntil(this.now() + error.retryAfterMs);
        }
      }
    }
    throw new PlatformUnavailableError(
      this.options.platform,
      this.redact(`${this.options.label} ${what} failed after ${attempts} attempt(s); last: ${last?.reason ?? 'unknown'}`),
      last?.retryAfterMs,
    );
  }

  /** Scrubs the connection's secrets from text that may reach a log or a client. */
  redact(message: string): string {
    const secrets = [this.options.credential, ...(this.options.otherSecrets ?? [])].filter((secret) => secret.length > 0);
    return secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), message);
  }

  private async attempt(request: RequestSpec, what: string): Promise<PlatformAnswer> {
    const release = await this.pacer.acquire(this.now, this.sleep, request.signal);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let answered: number | undefined;
    try {
      const url = this.urlOf(request);
      for (const [name, value] of Object.entries(this.options.authQuery?.({ method: request.method, url }) ?? {})) url.searchParams.set(name, value);
      const response = await this.fetch(url, {
        method: request.method,
        headers: {
          ...this.options.authHeaders({ method: request.method, url }),
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      answered = response.status;
      this.options.onHeaders?.(response.headers);
      return { body: await this.answerOf(response, request, what), headers: response.headers };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (error instanceof FailedAttempt || error instanceof PlatformRequestError) throw error;
      const refusal = outboundRefusal(error);
      if (refusal) throw new PlatformRequestError(this.options.platform, 0, this.redact(`${this.options.label} ${what} was not sent: ${refusal.reason}`));
      if (timeout.aborted) throw new FailedAttempt(`no answer within ${this.timeoutMs} ms`);
      throw new FailedAttempt(`network error (${networkCause(error)})`);
    } finally {
      release();
      if (platformRequestChannel.hasSubscribers) {
        const status = answered ?? (request.signal?.aborted ? 'aborted' : timeout.aborted ? 'timeout' : 'network');
        platformRequestChannel.publish({ platform: this.options.platform, method: request.method, status } satisfies PlatformRequestObserved);
      }
    }
  }

  private async answerOf(response: Response, request: RequestSpec, what: string): Promise<unknown> {
    const status = response.status;
    if (status === 429) {
      await response.body?.cancel().catch(() => undefined);
      const wait = retryAfterMs(response.headers.get('retry-after'), this.now());
      throw new FailedAttempt(`rate limited (429${wait === undefined ? '' : `, retry after ${wait} ms`})`, wait ?? this.backoffBaseMs);
    }
    // Busy, too slow or conflicting now: worth another attempt; everything else the platform refuses is its answer.
    if (retriedAtOnce(status)) {
      await response.body?.cancel().catch(() => undefined);
      throw new FailedAttempt(`HTTP ${status}`);
    }
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined);
      // Never followed: another origin would get the credentials, and even the same one may be a trap.
      throw new PlatformRequestError(this.options.platform, status, this.redact(`${this.options.label} ${what} answered ${status} redirecting to ${originOf(response.headers.get('location'), this.baseUrl)}; synchub follows no redirects: set baseUrl to the address the platform answers at`));
    }
    const text = await readBodyText(response, this.maxBodyBytes);
    if (status === 404 && request.notFoundIsAnswer) return undefined;
    if (status >= 400) throw this.refusal(status, what, text);
    // A write may answer 202 with nothing worth reading; a GET must bring JSON.
    if (request.method !== 'GET' && text.trim() === '') return undefined;
    return parseJsonBody(text, response.headers.get('content-type'));
  }

  /** The status and a short reason in the message; the platform's own words (when its error format) only as detail. */
  private refusal(status: number, what: string, text: string): PlatformRequestError {
    const said = sanitisedDetail(this.redact(this.options.errorMessage?.(text) ?? ''));
    const short = `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
    const reason = said ? '' : `: the answer is not in ${this.options.label}'s error format`;
    return new PlatformRequestError(this.options.platform, status, this.redact(`${this.options.label} refused ${what} (${short})${reason}`), said || undefined);
  }

  private urlOf(request: RequestSpec): URL {
    const url = new URL(this.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    return url;
  }
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

/** The policy's refusal behind a failed fetch (it comes as the cause, or the cause's cause, of fetch's TypeError). */
function outboundRefusal(error: unknown): OutboundRefusedError | undefined {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof OutboundRefusedError) return current;
  }
  return undefined;
}

/** Where a redirect points, as an origin only (its path and query may carry anything). */
function originOf(location: string | null, base: string): string {
  if (!location) return 'nowhere (no Location)';
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an address that is not a URL';
  }
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

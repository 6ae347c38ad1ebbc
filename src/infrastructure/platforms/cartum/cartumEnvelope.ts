// Every Horoshop answer is an envelope {status, response}: OK and WARNING carry a response, EMPTY means nothing
// matched, anything else is an error whose words are in response.message.
import { PlatformRequestError, PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import { sanitisedDetail } from '../http/responseBody.js';

export type CartumAnswer =
  | { kind: 'ok'; status: 'OK' | 'WARNING'; response: unknown }
  | { kind: 'empty' }
  /** The token expired or is not (any longer) known: authenticate again and repeat the call. */
  | { kind: 'token-refused'; message: string }
  | { kind: 'error'; status: string; message: string; transient: boolean };

const TOKEN_STATUSES = new Set(['UNAUTHORIZED', 'AUTHORIZATION_ERROR', 'TOKEN_EXPIRED', 'INVALID_TOKEN']);
/** A failure on Horoshop's side rather than in the request: worth another try later. */
const TRANSIENT_STATUSES = new Set(['EXCEPTION', 'HTTP_ERROR', 'SERVICE_UNAVAILABLE', 'TOO_MANY_REQUESTS']);

/** Horoshop's own words from a response, bounded so a runaway answer cannot flood a log. */
export function cartumMessage(response: unknown): string {
  if (typeof response === 'string') return response.slice(0, 300).trim();
  if (typeof response !== 'object' || response === null) return '';
  const { message, code } = response as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : '';
  const prefix = typeof code === 'string' || typeof code === 'number' ? `${code}` : '';
  return [prefix, text].filter(Boolean).join(' ').slice(0, 300).trim();
}

export function readEnvelope(body: unknown): CartumAnswer {
  const envelope = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const status = envelope?.status;
  if (typeof status !== 'string') return { kind: 'error', status: 'NO_ENVELOPE', message: 'the answer has no {status, response} envelope', transient: true };
  const response = envelope!.response;
  if (status === 'OK' || status === 'WARNING') return { kind: 'ok', status, response };
  if (status === 'EMPTY') return { kind: 'empty' };
  const message = cartumMessage(response);
  if (TOKEN_STATUSES.has(status) || (status === 'ERROR' && /token|токен/i.test(message))) return { kind: 'token-refused', message };
  const code = typeof (response as { code?: unknown } | null)?.code === 'number' ? ((response as { code: number }).code) : undefined;
  const transient = TRANSIENT_STATUSES.has(status) && (code === undefined || code >= 500 || code === 429);
  return { kind: 'error', status, message, transient };
}

/** The port's error for an error envelope; `what` names the function, `redact` scrubs secrets. */
export function errorOf(answer: Extract<CartumAnswer, { kind: 'error' }>, what: string, redact: (text: string) => string): Error {
  // Horoshop's own words are for operators (the error's detail), never in the message a viewer reads.
  const text = redact(`Cartum ${what} answered ${answer.status}`);
  const detail = answer.message ? sanitisedDetail(redact(answer.message)) : undefined;
  return answer.transient ? new PlatformUnavailableError('cartum', text) : new PlatformRequestError('cartum', 422, text, detail);
}

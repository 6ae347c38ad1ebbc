// The console's sign-in: the access token kept in an HttpOnly, SameSite=Strict cookie, and a CSRF token derived from it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'synchub_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Methods that change nothing: a request by cookie needs the CSRF token for every other one. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How a request presents its access token: the Authorization header, or the console's session cookie. */
export interface PresentedToken {
  token: string;
  via: 'bearer' | 'session';
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** The header wins when both are sent; a malformed header is not rescued by the cookie. */
export function presentedToken(req: Request): PresentedToken | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = BEARER.exec(header);
    return match ? { token: match[1], via: 'bearer' } : undefined;
  }
  const cookieHeader = req.get('cookie');
  const token = cookieHeader ? parse(cookieHeader)[SESSION_COOKIE] : undefined;
  return token ? { token, via: 'session' } : undefined;
}

/**
 * The CSRF token of a session: an HMAC keyed with the access token itself, so only a holder of the token can make it,
 * every process computes the same one, and it reveals nothing of the token.
 */
export function csrfTokenOf(token: string): string {
  return createHmac('sha256', token).update('synchub console csrf v1').digest('base64url');
}

/** A request by cookie that would change something must carry the session's CSRF token in X-CSRF-Token. */
export function csrfSatisfied(req: Request, presented: PresentedToken): boolean {
  if (presented.via === 'bearer' || SAFE_METHODS.has(req.method)) return true;
  const sent = req.get(CSRF_HEADER);
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenOf(presented.token));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Lives as long as the browser session; Secure whenever the request came over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure }));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: 0 }));
}

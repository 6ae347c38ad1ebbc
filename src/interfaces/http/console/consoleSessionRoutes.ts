import 'reflect-metadata';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import express, { Router, type RequestHandler } from 'express';
import type { Principal } from '../../../application/accessTokens/authenticate.js';
import { sendProblem } from '../problem.js';
import { validateBody } from '../validation.js';
import { clearSessionCookie, csrfTokenOf, presentedToken, setSessionCookie } from './consoleSession.js';

/** POST /console/session: the access token a person pastes into the console's sign-in form. */
export class ConsoleSignInBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token!: string;
}

export interface ConsoleSessionDependencies {
  /** The principal of a current token (the API's cached lookup). */
  principalOf(token: string): Promise<Principal | undefined>;
  /** The API's authentication: bearer or session cookie, CSRF token checked on changes. */
  authenticated: RequestHandler;
}

/**
 * The console's session exchange: an access token in, an HttpOnly SameSite=Strict cookie out, with the CSRF token the
 * console sends on every change. JSON bodies only, so a cross-site form cannot sign a browser in.
 */
export function consoleSessionRoutes({ principalOf, authenticated }: ConsoleSessionDependencies): Router {
  const router = Router();

  // The only body outside /v1: a token, so a small one.
  router.post('/console/session', express.json({ limit: '4kb' }), validateBody(ConsoleSignInBody), async (req, res) => {
    const { token } = res.locals.body as ConsoleSignInBody;
    const principal = await principalOf(token);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer realm="synchub", error="invalid_token"');
      return sendProblem(res, { status: 401, title: 'Unauthorized', detail: 'The access token is unknown, revoked or expired' });
    }
    setSessionCookie(req, res, token);
    res.status(201).json(sessionOf(principal, token));
  });

  router.get('/console/session', authenticated, (req, res) => {
    res.json(sessionOf(res.locals.principal!, presentedToken(req)!.token));
  });

  router.delete('/console/session', authenticated, (req, res) => {
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}

const sessionOf = ({ tokenId, role }: Principal, token: string) => ({ tokenId, role, csrfToken: csrfTokenOf(token) });

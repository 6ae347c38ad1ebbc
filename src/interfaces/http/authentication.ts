import type { RequestHandler, Response } from 'express';
import type { Principal } from '../../application/accessTokens/authenticate.js';
import { roleAllows } from '../../application/accessTokens/roles.js';
import type { Role } from '../../domain/accessToken/role.js';
import { csrfSatisfied, CSRF_HEADER, presentedToken } from './console/consoleSession.js';
import { sendProblem } from './problem.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set by `authentication` for every request it lets through. */
      principal?: Principal;
    }
  }
}

/**
 * Every request needs a current token, as `Authorization: Bearer <token>` or as the console's session cookie (then a
 * change also needs the session's CSRF token); the principal goes to res.locals.
 */
export function authentication(authenticate: (token: string) => Promise<Principal | undefined>): RequestHandler {
  return async (req, res, next) => {
    const presented = presentedToken(req);
    if (!presented) {
      return unauthorized(res, 'Bearer realm="synchub"', 'Send an access token as "Authorization: Bearer <token>"');
    }
    try {
      const principal = await authenticate(presented.token);
      if (!principal) {
        return unauthorized(res, 'Bearer realm="synchub", error="invalid_token"', 'The access token is unknown or revoked, or it expired');
      }
      if (!csrfSatisfied(req, presented)) {
        return sendProblem(res, {
          status: 403,
          title: 'Forbidden',
          detail: `A change made with the console's session cookie needs its CSRF token in ${CSRF_HEADER}`,
          code: 'csrf-token-missing',
        });
      }
      res.locals.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Lets through tokens whose role is `required` or higher (viewer < operator < admin). */
export function requireRole(required: Role): RequestHandler {
  return (_req, res, next) => {
    const principal = res.locals.principal;
    if (!principal) return unauthorized(res, 'Bearer realm="synchub"', 'This route needs an access token');
    if (!roleAllows(principal.role, required)) {
      return sendProblem(res, {
        status: 403,
        title: 'Forbidden',
        detail: `This needs the ${required} role; the access token has the ${principal.role} role`,
        requiredRole: required,
      });
    }
    next();
  };
}

function unauthorized(res: Response, challenge: string, detail: string): void {
  res.set('WWW-Authenticate', challenge);
  sendProblem(res, { status: 401, title: 'Unauthorized', detail });
}

import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError, InvalidValueError } from '../../domain/shared/errors.js';
import { RefreshTooSoonError } from '../../domain/order/refreshTooSoonError.js';
import { PlatformRequestError, PlatformUnavailableError } from '../../application/ports/platformClient.js';
import type { Logger } from '../../application/ports/logger.js';
import { roleAllows } from '../../application/accessTokens/roles.js';

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  type?: string;
  [extension: string]: unknown;
}

/** RFC 9457 problem details: every error a client sees has this shape and no stack trace. */
export function sendProblem(res: Response, problem: Problem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ type: 'about:blank', ...problem });
}

/** 404 for a thing that does not exist, naming it (ids are cut short: they come from the client). */
export function sendNotFound(res: Response, what: string, id: string, when = ''): void {
  sendProblem(res, { status: 404, title: 'Not Found', detail: `No ${what} ${id.slice(0, 100)}${when}` });
}

export const notFound: RequestHandler = (req, res) =>
  sendProblem(res, { status: 404, title: 'Not Found', detail: `No route for ${req.method} ${req.path}` });

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      return sendProblem(res, { status: 400, title: 'Bad Request', detail: 'The request body is not valid JSON' });
    }
    if (e?.type === 'entity.too.large') {
      return sendProblem(res, { status: 413, title: 'Content Too Large', detail: 'The request body is too large' });
    }
    // The router's own client errors, e.g. a path parameter that is not valid %-encoding (URIError, status 400).
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail = error instanceof URIError ? 'A path segment is not valid percent-encoding' : 'The request could not be read';
      return sendProblem(res, { status, title: status === 400 ? 'Bad Request' : 'Client Error', detail });
    }
    if (error instanceof InvalidValueError) {
      return sendProblem(res, {
        status: 400,
        title: 'Bad Request',
        detail: error.message,
        errors: [{ field: error.field, reason: error.message.slice(error.field.length + 2) }],
      });
    }
    if (error instanceof RefreshTooSoonError) {
      res.set('Retry-After', String(error.retryAfterSeconds));
      return sendProblem(res, { status: 429, title: 'Too Many Requests', detail: error.message, code: error.code });
    }
    if (error instanceof PlatformUnavailableError) {
      if (error.retryAfterMs) res.set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      return sendProblem(res, { status: 503, title: 'Platform Unavailable', detail: error.message, platform: error.platform });
    }
    if (error instanceof PlatformRequestError) {
      // The platform's own words are for operators and admins; a viewer gets the status and the short reason.
      const said = error.detail && roleAllows(res.locals.principal?.role ?? 'viewer', 'operator') ? { platformSaid: error.detail } : {};
      return sendProblem(res, { status: 502, title: 'Platform Refused', detail: error.message, platform: error.platform, ...said });
    }
    if (error instanceof DomainError && error.code === 'not-found') {
      return sendProblem(res, { status: 404, title: 'Not Found', detail: error.message });
    }
    if (error instanceof DomainError) {
      return sendProblem(res, { status: 409, title: 'Conflict', detail: error.message, code: error.code });
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, { status: 500, title: 'Internal Server Error', detail: 'The request could not be completed' });
  };
}

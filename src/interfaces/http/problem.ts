import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError } from '../../domain/shared/errors.js';
import type { Logger } from '../../application/ports/logger.js';

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
    if (error instanceof DomainError) {
      return sendProblem(res, { status: 409, title: 'Conflict', detail: error.message, code: error.code });
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, { status: 500, title: 'Internal Server Error', detail: 'The request could not be completed' });
  };
}

import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { SYSTEM_ACTOR, tokenActor, withChangeContext, type ChangeContext } from '../../application/context/changeContext.js';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** An id a caller may pass on: short, and only characters that cannot forge a log line or a header. */
const SANE_CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

declare global {
  namespace Express {
    interface Locals {
      /** Who and why of the changes this request makes; set by `requestContext`. */
      changeContext?: ChangeContext;
    }
  }
}

/**
 * One change context per request: events it appends carry the caller's token id, source `local`, the request's
 * correlation id (the caller's X-Correlation-Id when sane, else a new one, answered in the same header) and the
 * request's id as causation. Mount it first, and again after a body parser: a parser resuming from stream events
 * may run outside the context, and entering it again costs nothing.
 */
export function requestContext(): RequestHandler {
  return (req, res, next) => {
    let context = res.locals.changeContext;
    if (!context) {
      const requestId = randomUUID();
      const incoming = req.get(CORRELATION_HEADER);
      const correlationId = incoming && SANE_CORRELATION_ID.test(incoming) ? incoming : requestId;
      context = {
        // Read when an event is stamped: authentication runs after this middleware.
        get actor() {
          const principal = res.locals.principal;
          return principal ? tokenActor(principal.tokenId) : SYSTEM_ACTOR;
        },
        source: 'local',
        correlationId,
        causationId: requestId,
      };
      res.locals.changeContext = context;
      res.set(CORRELATION_HEADER, correlationId);
    }
    withChangeContext(context, next);
  };
}

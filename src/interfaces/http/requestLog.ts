import type { RequestHandler } from 'express';
import type { Logger } from '../../application/ports/logger.js';

/** One line per request with method, path, status and duration; headers (and so tokens) are never logged. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: inside a mounted router (/v1) req.path is relative to the mount point.
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

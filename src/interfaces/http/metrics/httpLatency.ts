import type { RequestHandler } from 'express';

export interface HttpObserver {
  httpRequest(method: string, route: string, status: number, seconds: number): void;
}

/** Times every request; the route comes from the template table, so unknown paths fold into one `unmatched` series. */
export function httpLatency(observer: HttpObserver, routeOf: (method: string, path: string) => string): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: inside a mounted router req.path is relative to the mount point.
    const path = req.path;
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observer.httpRequest(req.method, routeOf(req.method, path), res.statusCode, seconds);
    });
    next();
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { sendProblem } from '../problem.js';

export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

/** GET /metrics for Prometheus: open as scrapers expect, or behind `SYNCHUB_METRICS_TOKEN` when the operator sets one. */
export function metricsRoutes(metrics: MetricsExposition, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined && !sameToken(/^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1] ?? '', token)) {
      res.set('WWW-Authenticate', 'Bearer realm="synchub metrics"');
      return sendProblem(res, { status: 401, title: 'Unauthorized', detail: 'Send the metrics token (SYNCHUB_METRICS_TOKEN) as "Authorization: Bearer <token>"' });
    }
    const text = await metrics.render();
    res.set('Cache-Control', 'no-store').type(metrics.contentType).send(text);
  });
  return router;
}

/** Compared as hashes, in constant time: neither the length nor a prefix of the token leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

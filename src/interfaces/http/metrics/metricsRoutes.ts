import { Router } from 'express';

export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

/** GET /metrics for Prometheus; no token, as scrapers expect: keep it on a network only monitoring reaches. */
export function metricsRoutes(metrics: MetricsExposition): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const text = await metrics.render();
    res.set('Cache-Control', 'no-store').type(metrics.contentType).send(text);
  });
  return router;
}

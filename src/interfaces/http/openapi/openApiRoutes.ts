import { Router } from 'express';
import { DOCS_PAGE } from './docsPage.js';
import { buildOpenApiDocument } from './openApiDocument.js';

/** GET /openapi.json and GET /docs: public, the contract is no secret. */
export function openApiRoutes(): Router {
  const router = Router();
  // Built once: the routes and DTOs do not change while the process runs.
  const document = JSON.stringify(buildOpenApiDocument());

  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });

  router.get('/docs', (_req, res) => {
    // The page's own inline script and style, and fetches to this origin only.
    res
      .set('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
      .type('html')
      .send(DOCS_PAGE);
  });
  return router;
}

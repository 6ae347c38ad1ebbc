// The operations console's built files (console/, built by `npm run build` into dist/console), served at /console.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { sendNotFound, sendProblem } from '../problem.js';

/** dist/src/interfaces/http/console → dist/console */
export const CONSOLE_BUILD = join(dirname(fileURLToPath(import.meta.url)), '../../../../console');

/** Its own scripts and styles only, API calls to this origin, never framed. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Hashed asset names change with their content: cache them for good; the page itself is always asked for again. */
export function consoleAssets(build = CONSOLE_BUILD): Router {
  const router = Router();
  const page = join(build, 'index.html');
  router.use('/console', (_req, res, next) => {
    res.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  router.use('/console/assets', express.static(join(build, 'assets'), { immutable: true, maxAge: '365d' }));
  router.use('/console/assets', (req, res) => sendNotFound(res, 'console file', req.path));
  // Every other GET under /console is a screen of the one-page app: the page routes it in the browser.
  router.use('/console', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(page)) {
      return sendProblem(res, { status: 503, title: 'Service Unavailable', detail: 'The console is not built: run npm run build' });
    }
    res.set('Cache-Control', 'no-cache').sendFile(page);
  });
  return router;
}

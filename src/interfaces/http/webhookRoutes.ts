import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { childChangeContext, SYSTEM_ACTOR, withChangeContext } from '../../application/context/changeContext.js';
import type { ImportDependencies } from '../../application/import/importDependencies.js';
import { receiveWebhook } from '../../application/import/webhookIntake.js';
import { WebhookSignatureError } from '../../application/ports/platformClient.js';
import { isReadModelId } from '../../application/queries/readModelId.js';
import { sendNotFound, sendProblem } from './problem.js';

/** Orders at least this large are not plausible webhook payloads. */
const MAX_WEBHOOK_BYTES = '2mb';

/**
 * Platform webhooks: no access token, the platform's signature over the exact bytes authenticates the call, so
 * the body is kept raw (this router is mounted before the JSON parser). A bad signature stores nothing.
 */
export function webhookRoutes(deps: ImportDependencies): Router {
  const router = Router();
  router.post('/webhooks/:integrationId', express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }), async (req, res) => {
    const integrationId = req.params.integrationId as string;
    if (!isReadModelId(integrationId)) return sendNotFound(res, 'integration', integrationId);
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
    try {
      // A platform's delivery, not a person's: no token, the request's correlation id.
      const request = res.locals.changeContext;
      const context = childChangeContext({ actor: SYSTEM_ACTOR, source: 'webhook', correlationId: request?.correlationId ?? randomUUID(), causationId: request?.causationId ?? null });
      const result = await withChangeContext(context, () => receiveWebhook(deps, integrationId, { headers, rawBody }));
      res.status(200).json(result);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      sendProblem(res, { status: 401, title: 'Unauthorized', detail: error.message });
    }
  });
  return router;
}

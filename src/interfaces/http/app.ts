import express, { Router, type Express } from 'express';
import { authenticate } from '../../application/accessTokens/authenticate.js';
import { PrincipalCache } from '../../application/accessTokens/principalCache.js';
import type { ProjectionStatus } from '../../application/projections/projectionRunner.js';
import type { Logger } from '../../application/ports/logger.js';
import type { PlatformClients } from '../../application/ports/platformClient.js';
import type { Secrets } from '../../application/ports/secrets.js';
import type { Storage } from '../../infrastructure/storage/storage.js';
import type { AutomationControls } from '../../application/automations/automationControls.js';
import { authentication } from './authentication.js';
import { automationRoutes } from './automationRoutes.js';
import { catalogRoutes } from './catalogRoutes.js';
import { consoleAssets } from './console/consoleAssets.js';
import { consoleSessionRoutes } from './console/consoleSessionRoutes.js';
import { healthRoutes } from './healthRoutes.js';
import { historyRoutes } from './historyRoutes.js';
import { integrationRoutes } from './integrationRoutes.js';
import { httpLatency } from './metrics/httpLatency.js';
import { metricsRoutes } from './metrics/metricsRoutes.js';
import { PrometheusMetrics } from './metrics/prometheusMetrics.js';
import { routeTemplates } from './metrics/routeTemplates.js';
import { API_ROUTES } from './openapi/apiRoutes.js';
import { openApiRoutes } from './openapi/openApiRoutes.js';
import { orderRoutes } from './orderRoutes.js';
import { notFound, problemHandler } from './problem.js';
import { requestContext } from './requestContext.js';
import { requestLog } from './requestLog.js';
import { syncHistoryRoutes } from './syncHistoryRoutes.js';
import { tokenRoutes } from './tokenRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';

export interface AppDependencies {
  storage: Storage;
  logger: Logger;
  isShuttingDown: () => boolean;
  /** The read models' state: one waiting to follow the log again makes the service not ready. */
  projectionStatus?: () => ProjectionStatus[];
  /** Resolves once every read model includes `position`: a command's answer waits for it, so the next GET sees the write. */
  readModelsApplied: (position: number) => Promise<boolean>;
  /** Controls over the automations; without them the automation routes are not served. */
  automations?: AutomationControls;
  /** The service's registry, fed by the event log and platform HTTP; without it the app keeps one of its own (HTTP latency only). */
  metrics?: PrometheusMetrics;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken?: string;
  /** Default: the system clock; token expiry is judged by it. */
  clock?: () => Date;
  /** What the sync routes need; without them only tokens and health are served (tests of those parts). */
  sync?: {
    secrets: Secrets;
    platforms: PlatformClients;
    clock: () => Date;
    /** Background work the process must let finish before it closes the stores. */
    track(work: Promise<void>): void;
  };
}

export function createApp({ storage, logger, isShuttingDown, projectionStatus, readModelsApplied, automations, sync, metricsToken, clock = () => new Date(), metrics = new PrometheusMetrics() }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // Who and why of every change a request makes, and its X-Correlation-Id; entered again after each body parser.
  app.use(requestContext());
  app.use(httpLatency(metrics, routeTemplates(API_ROUTES)));
  app.use(requestLog(logger));
  // Webhooks read their raw bytes (the signature covers them exactly), so they come before the JSON parser.
  if (sync) app.use(webhookRoutes({ store: storage.eventStore, readModels: storage.readModels, logger, ...sync }));
  app.use(healthRoutes(storage, isShuttingDown, projectionStatus));
  app.use(metricsRoutes(metrics, metricsToken));
  app.use(openApiRoutes());

  const { eventStore, readModels } = storage;
  const principals = new PrincipalCache((token) => authenticate(readModels, token, clock()));
  const authenticated = authentication((token) => principals.principalOf(token));
  // The operations console: its sign-in exchanges a token for a session cookie; its pages call /v1 like any client.
  app.use(consoleSessionRoutes({ principalOf: (token) => principals.principalOf(token), authenticated }));
  app.use(consoleAssets());

  // Everything under /v1 needs an access token: authentication comes before every v1 router, and before the body is read.
  const v1 = Router();
  v1.use(authenticated);
  v1.use(express.json({ limit: '1mb' }));
  v1.use(requestContext());
  v1.use(tokenRoutes({ eventStore, readModels, logger, accessTokensApplied: readModelsApplied, tokenRevoked: () => principals.forget() }));
  // Before the order routes: it answers GET /orders/:id only when asked ?asOf=.
  v1.use(historyRoutes({ eventStore }));
  v1.use(orderRoutes({ eventStore, readModels, readModelsApplied }));
  v1.use(catalogRoutes({ readModels, eventStore, readModelsApplied }));
  if (automations) v1.use(automationRoutes({ readModels, automations, readModelsApplied }));
  v1.use(syncHistoryRoutes({ readModels }));
  if (sync) v1.use(integrationRoutes({ store: eventStore, readModels, logger, readModelsApplied, ...sync }));
  app.use('/v1', v1);

  app.use(notFound);
  app.use(problemHandler(logger));
  return app;
}

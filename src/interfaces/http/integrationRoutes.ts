import { Router, type RequestHandler } from 'express';
import type { ImportDependencies } from '../../application/import/importDependencies.js';
import { refreshOrder } from '../../application/import/orderRefresh.js';
import { startOrderImport } from '../../application/import/orderImportRun.js';
import { changeIntegration, connectIntegration } from '../../application/integrations/integrationUseCases.js';
import { INTEGRATIONS_COLLECTION, type IntegrationDocument } from '../../application/projections/integrationsProjection.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../../application/projections/syncRunsProjection.js';
import { syncRunReport, type SyncRunReport } from '../../application/projections/syncRunReport.js';
import type { IntegrationSettings } from '../../domain/integration/integrationSettings.js';
import { requireRole } from './authentication.js';
import { ConnectIntegrationBody, IntegrationSettingsBody, StartSyncBody, SyncRunsQuery } from './integrationBodies.js';
import { sendPage } from './nextPageLink.js';
import { sendNotFound } from './problem.js';
import { PageQuery } from './pageQuery.js';
import { validateBody, validateQuery } from './validation.js';
import { isReadModelId } from '../../application/queries/readModelId.js';
import { pagedList } from '../../application/queries/pagedList.js';

export interface IntegrationRoutesDependencies extends ImportDependencies {
  /** Resolves once every read model includes `position`, so the client's next GET sees its write. */
  readModelsApplied(position: number): Promise<boolean>;
  /** Keeps a background sync run known to the process, so shutdown can wait for it. */
  track(work: Promise<void>): void;
}

/** A POST without a body means "no options": treated as {}. */
const optionalBody: RequestHandler = (req, _res, next) => {
  if (req.body === undefined) req.body = {};
  next();
};

/** The integration as the API shows it: settings and a credentials flag, never the credentials. */
function present(doc: IntegrationDocument) {
  const { version: _, ...shown } = doc;
  // Reported until an admin maps them: statuses created locally for platform statuses nobody mapped.
  const unmappedStatuses = doc.discoveredStatuses.filter((d) => !doc.statusMap.some((m) => m.platform === d.platform));
  return { ...shown, unmappedStatuses };
}

function presentRun(report: SyncRunReport) {
  const { version: _, ...shown } = report;
  return shown;
}

/** The settings of a body: plain JSON (no DTO prototype, no undefined), without the platform and credentials. */
function settingsOf(body: IntegrationSettingsBody): Partial<IntegrationSettings> {
  const { credentials: _, platform: __, ...settings } = body as IntegrationSettingsBody & { platform?: string };
  return JSON.parse(JSON.stringify(settings)) as Partial<IntegrationSettings>;
}

type FindIntegration = (id: string) => Promise<IntegrationDocument | undefined>;

/** `/v1/integrations…`, their sync runs, and the manual refresh of one order. */
export function integrationRoutes(deps: IntegrationRoutesDependencies): Router {
  const router = Router();
  const integration: FindIntegration = async (id) =>
    isReadModelId(id) ? deps.readModels.get<IntegrationDocument>(INTEGRATIONS_COLLECTION, id) : undefined;
  connectionRoutes(router, integration, deps);
  syncRoutes(router, integration, deps);
  syncRunRoutes(router, deps);
  return router;
}

/** Connecting a store, reading and changing its integration. */
function connectionRoutes(router: Router, integration: FindIntegration, deps: IntegrationRoutesDependencies): void {
  router.post('/integrations', requireRole('admin'), validateBody(ConnectIntegrationBody), async (_req, res) => {
    const body = res.locals.body as ConnectIntegrationBody;
    const settings = settingsOf(body) as Parameters<typeof connectIntegration>[1]['settings'];
    const { integrationId, position } = await connectIntegration(deps, {
      platform: body.platform,
      credentials: body.credentials,
      settings,
    });
    await deps.readModelsApplied(position);
    const doc = await integration(integrationId);
    res.status(201).location(`/v1/integrations/${integrationId}`).json(doc ? present(doc) : { id: integrationId });
  });

  router.get('/integrations', requireRole('viewer'), validateQuery(PageQuery), async (req, res) => {
    const list = await pagedList<IntegrationDocument>(deps.readModels, INTEGRATIONS_COLLECTION, { orderBy: { field: 'connectedAt' } }, res.locals.query as PageQuery);
    sendPage(req, res, list, list.items.map(present));
  });

  router.get('/integrations/:id', requireRole('viewer'), async (req, res) => {
    const doc = await integration(req.params.id as string);
    if (!doc) return sendNotFound(res, 'integration', req.params.id as string);
    res.json(present(doc));
  });

  router.patch('/integrations/:id', requireRole('admin'), validateBody(IntegrationSettingsBody), async (req, res) => {
    const id = req.params.id as string;
    if (!(await integration(id))) return sendNotFound(res, 'integration', id);
    const body = res.locals.body as IntegrationSettingsBody;
    const { position } = await changeIntegration(deps, id, { settings: settingsOf(body), credentials: body.credentials });
    if (position !== undefined) await deps.readModelsApplied(position);
    res.json(present((await integration(id))!));
  });
}

/** Starting a sync run of an integration, and the manual sync of one order. */
function syncRoutes(router: Router, integration: FindIntegration, deps: IntegrationRoutesDependencies): void {
  router.post('/integrations/:id/sync', requireRole('operator'), optionalBody, validateBody(StartSyncBody), async (req, res) => {
    const id = req.params.id as string;
    if (!(await integration(id))) return sendNotFound(res, 'integration', id);
    const { from } = res.locals.body as StartSyncBody;
    const run = await startOrderImport(deps, id, {
      trigger: `api:${res.locals.principal!.tokenId}`,
      from: from === undefined ? undefined : new Date(from),
    });
    deps.track(run.completion.then(() => undefined));
    await deps.readModelsApplied(run.position);
    res.status(202).location(`/v1/sync-runs/${run.runId}`).json({ runId: run.runId, status: 'running', href: `/v1/sync-runs/${run.runId}` });
  });

  // Manual sync of one order: at most once per 10 minutes per order (429 with Retry-After otherwise).
  router.post('/orders/:id/refresh', requireRole('operator'), async (req, res) => {
    const id = req.params.id as string;
    if (!isReadModelId(id)) return sendNotFound(res, 'order', id);
    const { position, ...outcome } = await refreshOrder(deps, id);
    if (position !== undefined) await deps.readModelsApplied(position);
    res.json({ orderId: id, outcome: outcome.outcome, ...(outcome.reason ? { reason: outcome.reason } : {}) });
  });
}

/** The reports of sync runs: counts, errors and rejected orders. */
function syncRunRoutes(router: Router, { readModels }: IntegrationRoutesDependencies): void {
  router.get('/sync-runs', requireRole('viewer'), validateQuery(SyncRunsQuery), async (req, res) => {
    const { integrationId, ...request } = res.locals.query as SyncRunsQuery;
    const where: Record<string, string> = integrationId ? { integrationId } : {};
    const list = await pagedList<SyncRunDocument>(readModels, SYNC_RUNS_COLLECTION, { where, orderBy: { field: 'startedAt', descending: true } }, request);
    const reports = await Promise.all(list.items.map((run) => syncRunReport(readModels, run)));
    sendPage(req, res, list, reports.map(presentRun));
  });

  router.get('/sync-runs/:id', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    const doc = isReadModelId(id) ? await readModels.get<SyncRunDocument>(SYNC_RUNS_COLLECTION, id) : undefined;
    if (!doc) return sendNotFound(res, 'sync run', id);
    res.json(presentRun(await syncRunReport(readModels, doc)));
  });
}

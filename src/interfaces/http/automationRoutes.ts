import 'reflect-metadata';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Router, type Request, type Response } from 'express';
import type { AutomationControls } from '../../application/automations/automationControls.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { AUTOMATION_RUNS_COLLECTION, type AutomationRunDocument } from '../../application/projections/automationRunsProjection.js';
import { INTEGRATIONS_COLLECTION, type IntegrationDocument } from '../../application/projections/integrationsProjection.js';
import { requireRole } from './authentication.js';
import { PageQuery } from './pageQuery.js';
import { sendPage } from './nextPageLink.js';
import { sendNotFound, sendProblem } from './problem.js';
import { validateBody, validateQuery } from './validation.js';
import { isReadModelId } from '../../application/queries/readModelId.js';

export class ScheduleAutomationBody {
  /** Milliseconds between runs: 1 s to 7 days. */
  @IsOptional() @IsInt() @Min(1_000) @Max(7 * 24 * 3_600_000) intervalMs?: number;
}

export interface AutomationRoutesDependencies {
  readModels: ReadModels;
  automations: AutomationControls;
  readModelsApplied(position: number): Promise<boolean>;
}

const presentRun = ({ version: _, ...run }: AutomationRunDocument) => run;
const BASE = '/integrations/:id/automations';

/** A route's work once the integration in its path is found: the automation's name (when the path has one) comes with it. */
type AutomationHandler = (integration: IntegrationDocument, automation: string, req: Request, res: Response) => Promise<unknown>;
type ForIntegration = (handler: AutomationHandler) => (req: Request, res: Response) => Promise<void>;

/** `/v1/integrations/:id/automations…`: list, schedule, start, stop, enable, disable, delete, history, log. */
export function automationRoutes(deps: AutomationRoutesDependencies): Router {
  const router = Router();
  const forIntegration: ForIntegration = (handler) => async (req, res) => {
    const id = req.params.id as string;
    const integration = isReadModelId(id) ? await deps.readModels.get<IntegrationDocument>(INTEGRATIONS_COLLECTION, id) : undefined;
    if (!integration) return sendNotFound(res, 'integration', id);
    await handler(integration, req.params.name as string, req, res);
  };
  viewRoutes(router, forIntegration, deps);
  controlRoutes(router, forIntegration, deps);
  runRoutes(router, forIntegration, deps);
  return router;
}

/** What the automations of an integration are, and their state. */
function viewRoutes(router: Router, forIntegration: ForIntegration, { automations }: AutomationRoutesDependencies): void {
  router.get(BASE, requireRole('viewer'), forIntegration(async (integration, _, __, res) => {
    res.json({ items: await automations.list(integration.id, integration.platform) });
  }));

  router.get(`${BASE}/:name`, requireRole('viewer'), forIntegration(async (integration, name, _, res) => {
    res.json(await automations.get(integration.id, integration.platform, name));
  }));
}

/** The operator's controls: schedule, start, stop, enable, disable, delete. */
function controlRoutes(router: Router, forIntegration: ForIntegration, { automations, readModelsApplied }: AutomationRoutesDependencies): void {
  const by = (res: Response) => `api:${res.locals.principal!.tokenId}`;

  router.put(`${BASE}/:name`, requireRole('operator'), validateBody(ScheduleAutomationBody), forIntegration(async (integration, name, _, res) => {
    await automations.schedule(integration.id, integration.platform, name, (res.locals.body as ScheduleAutomationBody).intervalMs);
    res.json(await automations.get(integration.id, integration.platform, name));
  }));

  router.post(`${BASE}/:name/start`, requireRole('operator'), forIntegration(async (integration, name, _, res) => {
    await automations.start(integration.id, integration.platform, name, by(res));
    res.status(202).json(await automations.get(integration.id, integration.platform, name));
  }));

  router.post(`${BASE}/:name/stop`, requireRole('operator'), forIntegration(async (integration, name, _, res) => {
    const position = await automations.stop(integration.id, name, by(res));
    if (position === undefined) return sendProblem(res, { status: 409, title: 'Conflict', detail: `${name} is not running` });
    await readModelsApplied(position);
    res.status(202).json(await automations.get(integration.id, integration.platform, name));
  }));

  for (const action of ['enable', 'disable'] as const) {
    router.post(`${BASE}/:name/${action}`, requireRole('operator'), forIntegration(async (integration, name, _, res) => {
      if (action === 'enable') await automations.enable(integration.id, integration.platform, name);
      else await automations.disable(integration.id, name);
      res.json(await automations.get(integration.id, integration.platform, name));
    }));
  }

  router.delete(`${BASE}/:name`, requireRole('admin'), forIntegration(async (integration, name, _, res) => {
    if (!(await automations.remove(integration.id, name))) {
      return sendProblem(res, { status: 404, title: 'Not Found', detail: `${name} is not scheduled` });
    }
    res.status(204).end();
  }));
}

/** An automation's schedule history and the log of one run. */
function runRoutes(router: Router, forIntegration: ForIntegration, { readModels, automations }: AutomationRoutesDependencies): void {
  router.get(`${BASE}/:name/runs`, requireRole('viewer'), validateQuery(PageQuery), forIntegration(async (integration, name, req, res) => {
    const page = await automations.history(integration.id, name, res.locals.query as PageQuery);
    // The log is read run by run; the history lists outcomes and counts.
    sendPage(req, res, page, page.items.map(({ log: _, version: __, ...run }) => run));
  }));

  router.get(`${BASE}/:name/runs/:runId`, requireRole('viewer'), forIntegration(async (integration, name, req, res) => {
    const runId = req.params.runId as string;
    const run = isReadModelId(runId) ? await readModels.get<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, runId) : undefined;
    if (!run || run.integrationId !== integration.id || run.automation !== name) {
      return sendProblem(res, { status: 404, title: 'Not Found', detail: `No run ${runId} of ${name}` });
    }
    res.json(presentRun(run));
  }));
}

import 'reflect-metadata';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Router, type Request, type Response } from 'express';
import type { AutomationControls } from '../../application/automations/automationControls.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { AUTOMATION_RUNS_COLLECTION, type AutomationRunDocument } from '../../application/projections/automationRunsProjection.js';
import { INTEGRATIONS_COLLECTION, type IntegrationDocument } from '../../application/projections/integrationsProjection.js';
import { requireRole } from './authentication.js';
import { PageQuery } from './pageQuery.js';
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

/** `/v1/integrations/:id/automations…`: list, schedule, start, stop, enable, disable, delete, history, log. */
export function automationRoutes({ readModels, automations, readModelsApplied }: AutomationRoutesDependencies): Router {
  const router = Router();
  const base = '/integrations/:id/automations';

  async function integrationOf(req: Request, res: Response): Promise<IntegrationDocument | undefined> {
    const id = req.params.id as string;
    const doc = isReadModelId(id) ? await readModels.get<IntegrationDocument>(INTEGRATIONS_COLLECTION, id) : undefined;
    if (!doc) sendNotFound(res, 'integration', id);
    return doc;
  }
  const name = (req: Request) => req.params.name as string;
  const by = (res: Response) => `api:${res.locals.principal!.tokenId}`;

  router.get(base, requireRole('viewer'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (integration) res.json({ items: await automations.list(integration.id, integration.platform) });
  });

  router.get(`${base}/:name`, requireRole('viewer'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (integration) res.json(await automations.get(integration.id, integration.platform, name(req)));
  });

  router.put(`${base}/:name`, requireRole('operator'), validateBody(ScheduleAutomationBody), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    await automations.schedule(integration.id, integration.platform, name(req), (res.locals.body as ScheduleAutomationBody).intervalMs);
    res.json(await automations.get(integration.id, integration.platform, name(req)));
  });

  router.post(`${base}/:name/start`, requireRole('operator'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    await automations.start(integration.id, integration.platform, name(req), by(res));
    res.status(202).json(await automations.get(integration.id, integration.platform, name(req)));
  });

  router.post(`${base}/:name/stop`, requireRole('operator'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    const position = await automations.stop(integration.id, name(req), by(res));
    if (position === undefined) return sendProblem(res, { status: 409, title: 'Conflict', detail: `${name(req)} is not running` });
    await readModelsApplied(position);
    res.status(202).json(await automations.get(integration.id, integration.platform, name(req)));
  });

  for (const action of ['enable', 'disable'] as const) {
    router.post(`${base}/:name/${action}`, requireRole('operator'), async (req, res) => {
      const integration = await integrationOf(req, res);
      if (!integration) return;
      if (action === 'enable') await automations.enable(integration.id, integration.platform, name(req));
      else await automations.disable(integration.id, name(req));
      res.json(await automations.get(integration.id, integration.platform, name(req)));
    });
  }

  router.delete(`${base}/:name`, requireRole('admin'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    if (!(await automations.remove(integration.id, name(req)))) {
      return sendProblem(res, { status: 404, title: 'Not Found', detail: `${name(req)} is not scheduled` });
    }
    res.status(204).end();
  });

  router.get(`${base}/:name/runs`, requireRole('viewer'), validateQuery(PageQuery), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    const page = await automations.history(integration.id, name(req), res.locals.query as PageQuery);
    // The log is read run by run; the history lists outcomes and counts.
    res.json({ ...page, items: page.items.map(({ log: _, version: __, ...run }) => run) });
  });

  router.get(`${base}/:name/runs/:runId`, requireRole('viewer'), async (req, res) => {
    const integration = await integrationOf(req, res);
    if (!integration) return;
    const runId = req.params.runId as string;
    const run = isReadModelId(runId) ? await readModels.get<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, runId) : undefined;
    if (!run || run.integrationId !== integration.id || run.automation !== name(req)) {
      return sendProblem(res, { status: 404, title: 'Not Found', detail: `No run ${runId} of ${name(req)}` });
    }
    res.json(presentRun(run));
  });

  return router;
}

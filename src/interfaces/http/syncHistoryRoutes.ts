import 'reflect-metadata';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Router } from 'express';
import { csvRow, syncHistoryCsvHeader } from '../../application/admin/syncHistoryCsv.js';
import { syncHistoryExport } from '../../application/admin/syncHistoryExport.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { INTEGRATIONS_COLLECTION } from '../../application/projections/integrationsProjection.js';
import { isReadModelId } from '../../application/queries/readModelId.js';
import { requireRole } from './authentication.js';
import { sendNotFound, sendProblem } from './problem.js';
import { validateQuery } from './validation.js';

const ISO_TIME = { strict: true, strictSeparator: true };

/** `?from=&to=&format=` of the sync-history export: the runs that started in [from, to). */
export class SyncHistoryQuery {
  @IsISO8601(ISO_TIME, { message: 'from must be an ISO 8601 time, like 2024-05-01T00:00:00Z' })
  from!: string;

  @IsISO8601(ISO_TIME, { message: 'to must be an ISO 8601 time, like 2024-06-01T00:00:00Z' })
  to!: string;

  @IsOptional()
  @IsIn(['ndjson', 'csv'])
  format: 'ndjson' | 'csv' = 'ndjson';
}

/** The CLI's `export sync-history` over HTTP: one line per run with counts, errors and rejected orders with reasons. */
export function syncHistoryRoutes({ readModels }: { readModels: ReadModels }): Router {
  const router = Router();
  router.get('/integrations/:id/sync-history', requireRole('viewer'), validateQuery(SyncHistoryQuery), async (req, res) => {
    const id = req.params.id as string;
    const query = res.locals.query as SyncHistoryQuery;
    const [from, to] = [new Date(query.from), new Date(query.to)];
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
      return sendProblem(res, { status: 400, title: 'Bad Request', detail: 'from must be a time before to', errors: [{ field: 'from', reason: 'must be before to' }] });
    }
    if (!isReadModelId(id) || !(await readModels.get(INTEGRATIONS_COLLECTION, id))) return sendNotFound(res, 'integration', id);
    const csv = query.format === 'csv';
    const lines: string[] = csv ? [syncHistoryCsvHeader()] : [];
    for await (const run of syncHistoryExport(readModels, { integrationId: id, from, to })) lines.push(csv ? csvRow(run) : JSON.stringify(run));
    const name = `sync-history-${id}.${query.format}`;
    res
      .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${name}"`)
      .send(lines.map((line) => `${line}\n`).join(''));
  });
  return router;
}

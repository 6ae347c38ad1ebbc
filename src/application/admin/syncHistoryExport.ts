import type { ReadModels } from '../ports/readModels.js';
import { keysetPages } from '../queries/keysetPages.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../projections/syncRunsProjection.js';
import { syncRunReport, type SyncRunReport } from '../projections/syncRunReport.js';

/** One sync run as exported for auditors: its window, outcome, counts and each rejected order with the reason. */
export interface SyncRunExport {
  runId: string;
  integrationId: string;
  status: SyncRunDocument['status'];
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  windowFrom: string;
  windowTo: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  error: string | null;
  rejectedOrders: { externalId: string; reason: string }[];
}

const PAGE = 500;

/** The runs of an integration that started in [from, to), oldest first, read page by page from the sync_runs read model. */
export async function* syncHistoryExport(
  readModels: ReadModels,
  request: { integrationId: string; from: Date; to: Date },
): AsyncGenerator<SyncRunExport> {
  const pages = keysetPages<SyncRunDocument>(readModels, SYNC_RUNS_COLLECTION, { where: { integrationId: request.integrationId }, orderBy: { field: 'startedAt' } }, PAGE);
  for await (const runs of pages) {
    for (const run of runs) {
      const startedAt = new Date(run.startedAt);
      if (startedAt >= request.to) return;
      if (startedAt >= request.from) yield exported(await syncRunReport(readModels, run));
    }
  }
}

function exported(run: SyncRunReport): SyncRunExport {
  return {
    runId: run.id,
    integrationId: run.integrationId,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    windowFrom: run.window.from,
    windowTo: run.window.to,
    imported: run.counts.imported,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    rejected: run.counts.rejected,
    skipped: run.counts.skipped,
    error: run.error,
    rejectedOrders: run.rejected,
  };
}

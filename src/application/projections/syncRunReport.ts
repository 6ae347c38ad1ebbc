import type { ReadModels } from '../ports/readModels.js';
import {
  SYNC_RUN_OUTCOMES_COLLECTION,
  type OrderOutcomeNote,
  type SyncRunDocument,
  type SyncRunOutcomesDocument,
} from './syncRunsProjection.js';

/** A run as its report shows it: counts, and every order it rejected or skipped with the reason. */
export interface SyncRunReport extends SyncRunDocument {
  rejected: OrderOutcomeNote[];
  skipped: OrderOutcomeNote[];
}

export async function syncRunReport(readModels: ReadModels, run: SyncRunDocument): Promise<SyncRunReport> {
  const pages = await readModels.find<SyncRunOutcomesDocument>(SYNC_RUN_OUTCOMES_COLLECTION, {
    where: { runId: run.id },
    orderBy: { field: 'page' },
  });
  // Documents written before the outcomes had their own collection still carry their lists.
  const legacy = run as Partial<SyncRunReport>;
  return {
    ...run,
    rejected: [...(legacy.rejected ?? []), ...pages.flatMap((page) => page.rejected)],
    skipped: [...(legacy.skipped ?? []), ...pages.flatMap((page) => page.skipped)],
  };
}

import type { SyncRunExport } from './syncHistoryExport.js';

/** The columns of a sync-history CSV, in order; rejected orders go into one cell. */
export const SYNC_HISTORY_CSV_COLUMNS: (keyof SyncRunExport)[] = [
  'runId',
  'integrationId',
  'status',
  'trigger',
  'startedAt',
  'finishedAt',
  'windowFrom',
  'windowTo',
  'imported',
  'updated',
  'unchanged',
  'rejected',
  'skipped',
  'error',
  'rejectedOrders',
];

export const syncHistoryCsvHeader = () => SYNC_HISTORY_CSV_COLUMNS.join(',');

/** Rejected orders go into one cell as `externalId: reason; …`. */
export function csvRow(run: SyncRunExport): string {
  return SYNC_HISTORY_CSV_COLUMNS.map((column) => {
    const value = run[column];
    if (column === 'rejectedOrders') return csvCell(run.rejectedOrders.map((r) => `${r.externalId}: ${r.reason}`).join('; '));
    return csvCell(value === null ? '' : String(value));
  }).join(',');
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { syncRunDecider, syncRunStream } from '../../domain/syncRun/syncRunDecider.js';
import { loadState } from '../commands/commandHandler.js';
import { startOrderImport } from '../import/orderImportRun.js';
import type { AutomationContext, AutomationDefinition, RunReporting } from './automationDefinition.js';
import { importCatalogue } from './catalogueImport.js';
import { checkDeliveryDates, sendPendingDeliveryInfo } from './deliveryInfo.js';
import { pushProducts } from './productPush.js';
import { checkPendingPayments } from './pendingPayments.js';
import { pushPendingStatuses } from './statusPush.js';
import { stopRequested } from './runStop.js';
import { pushChangedStock } from './stockPush.js';

const MINUTE = 60_000;

/** Runs an order import and waits for it; its counts come from the sync run's own events. */
async function importOrders(context: AutomationContext, trigger: string): Promise<Record<string, number>> {
  const run = await startOrderImport(context.deps, context.integrationId, {
    trigger,
    onPage: (pages) => context.progress(Math.min(99, pages)),
    signal: context.signal,
  });
  await context.log('info', `sync run ${run.runId} started`);
  // The run's own error, so a platform that is down is told apart from a bug.
  const failure = await run.completion;
  if (failure !== undefined) throw failure;
  const state = await loadState(context.deps.store, syncRunDecider, syncRunStream(run.runId));
  if (state.status !== 'succeeded' && state.status !== 'stopped') throw new Error(`sync run ${run.runId} ended ${state.status}`);
  await context.log('info', `sync run ${run.runId}: ${JSON.stringify(state.counts)}`);
  return { ...state.counts };
}

async function pushStatuses(context: AutomationContext): Promise<Record<string, number>> {
  const report = await pushPendingStatuses(context.deps, context.integrationId, (done) => context.progress(Math.min(99, done)), context.signal);
  if (report.failed > 0) await context.log('error', `${report.failed} status push(es) failed and will be retried`);
  if (report.refused > 0) await context.log('error', `${report.refused} status push(es) refused for good; each order's feed says why`);
  return { ...report };
}

/** Every automation of domain.md; one whose platform's client lacks what it `needs` says so instead of pretending. */
export const AUTOMATIONS: readonly AutomationDefinition[] = [
  { name: 'import-orders', title: 'Import sales orders', defaultIntervalMs: 5 * MINUTE, run: (c) => importOrders(c, 'automation:import-orders') },
  {
    name: 'sync-statuses',
    title: 'Sync order statuses both ways',
    defaultIntervalMs: MINUTE,
    // Local changes go out first, then the platform's changes come in through the import.
    run: async (c) => {
      const pushed = await pushStatuses(c);
      return { ...pushed, ...(stopRequested(c.signal) ? {} : await importOrders(c, 'automation:sync-statuses')) };
    },
  },
  { name: 'sync-cancellations', title: 'Sync cancellations both ways', defaultIntervalMs: MINUTE, run: pushStatuses },
  {
    name: 'check-pending-payments',
    title: 'Check orders with pending payment',
    defaultIntervalMs: 15 * MINUTE,
    run: async (c) => ({ ...(await checkPendingPayments(c.deps, c.integrationId, c.signal)) }),
  },
  {
    name: 'push-stock',
    title: 'Sync stock to the platform',
    defaultIntervalMs: 15 * MINUTE,
    needs: 'pushStock',
    run: async (c) => {
      const report = await pushChangedStock(c.deps, c.integrationId, (done) => c.progress(Math.min(99, done)), c.signal);
      if (report.withoutArticle > 0) await c.log('error', `${report.withoutArticle} product(s) flagged "sync stock" have no article and were not pushed`);
      return report;
    },
  },
  {
    name: 'push-products',
    title: 'Create/update products on the platform',
    defaultIntervalMs: 60 * MINUTE,
    needs: 'publishProduct',
    run: async (c) => ({ ...(await pushProducts(c.deps, c.integrationId, reporting(c))) }),
  },
  {
    name: 'import-products',
    title: 'Import new products',
    defaultIntervalMs: 60 * MINUTE,
    needs: 'products',
    run: async (c) => ({ ...(await catalogue(c, false)) }),
  },
  {
    name: 'catalogue-import',
    title: 'Catalogue import',
    defaultIntervalMs: null,
    needs: 'products',
    run: async (c) => ({ ...(await catalogue(c, true)) }),
  },
  {
    name: 'send-delivery-info',
    title: 'Send delivery info to the store',
    defaultIntervalMs: 30 * MINUTE,
    needs: 'sendDeliveryInfo',
    run: async (c) => ({ ...(await sendPendingDeliveryInfo(c.deps, c.integrationId, reporting(c))) }),
  },
  {
    name: 'check-delivery-dates',
    title: 'Check delivery dates',
    defaultIntervalMs: 60 * MINUTE,
    needs: 'deliveredOn',
    run: async (c) => ({ ...(await checkDeliveryDates(c.deps, c.integrationId, reporting(c))) }),
  },
];

/** A run's problems go to its log as errors; its count of items done shows as progress. */
function reporting(context: AutomationContext): RunReporting {
  return {
    log: (message: string) => context.log('error', message),
    progress: (done: number) => context.progress(Math.min(99, done)),
    signal: context.signal,
  };
}

function catalogue(context: AutomationContext, updateExisting: boolean) {
  return importCatalogue(context.deps, context.integrationId, { updateExisting, ...reporting(context) });
}

export function automationNamed(name: string): AutomationDefinition | undefined {
  return AUTOMATIONS.find((a) => a.name === name);
}

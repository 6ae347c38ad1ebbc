import { platformStatusFor } from '../../domain/integration/statusMapping.js';
import { alreadyOnPlatform } from '../../domain/order/echoSuppression.js';
import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { impossibleRequest, platformFailureOf, platformSaid, type PlatformClient } from '../ports/platformClient.js';
import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { eachUntilStopped, endedByStop } from './runStop.js';

export interface StatusPushReport {
  pushed: number;
  alreadyThere: number;
  /** Failed for now: retried after a growing pause. */
  failed: number;
  /** Ended at once: the platform will never take them (their reason is on the order). */
  refused: number;
  waiting: number;
}

const BATCH = 200;

/**
 * Sends local status changes of an integration's orders to the platform through the status map. Before writing,
 * it reads the platform's status: a run repeated after a crash finds the status there and only records it, so
 * the platform receives each change once. A failure is recorded on the order and retried after a growing pause.
 */
export async function pushPendingStatuses(
  deps: ImportDependencies,
  integrationId: string,
  progress: (done: number) => Promise<void> = async () => undefined,
  signal?: AbortSignal,
): Promise<StatusPushReport> {
  const report: StatusPushReport = { pushed: 0, alreadyThere: 0, failed: 0, refused: 0, waiting: 0 };
  const candidates = await deps.readModels.find<OrderDocument>(ORDERS_COLLECTION, {
    where: { integrationId, pushPending: true },
    orderBy: { field: 'updatedAt' },
    limit: BATCH,
  });
  if (candidates.length === 0) return report;
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration, signal);
  // Each order is a boundary: a stop ends the run before the next one.
  await eachUntilStopped(signal, candidates, pushOne);
  return report;

  async function pushOne(candidate: OrderDocument): Promise<void> {
    const state = await loadState(deps.store, orderDecider, orderStream(candidate.id));
    if (!state.exists || !state.pendingPush || !state.externalId) return;
    const now = deps.clock();
    if (state.pendingPush.nextAttemptAt && Date.parse(state.pendingPush.nextAttemptAt) > now.getTime()) {
      report.waiting += 1;
      return;
    }
    const stream = orderStream(candidate.id);
    const target = state.pendingPush.platformStatus ?? platformStatusFor(integration.settings, state.pendingPush.status);
    try {
      if (!target) throw impossibleRequest(integration.platform, `no platform status is mapped to the local status ${state.pendingPush.status}`);
      const there = await alreadyThere(client, state.externalId, target);
      if (!there) await client.changeOrderStatus(state.externalId, target);
      await handleCommand(deps.store, orderDecider, stream, { type: 'RecordStatusPush', data: { platformStatus: target, at: deps.clock().toISOString() } });
      report[there ? 'alreadyThere' : 'pushed'] += 1;
    } catch (error) {
      const failure = platformFailureOf(error);
      if (!failure || endedByStop(error, signal)) throw error;
      deps.logger.warn({ orderId: candidate.id, error: failure.message, ...platformSaid(error) }, 'status push failed');
      await handleCommand(deps.store, orderDecider, stream, {
        type: 'RecordStatusPushFailure',
        data: { error: failure.message, at: deps.clock().toISOString(), kind: failure.kind },
      });
      report[failure.kind === 'permanent' ? 'refused' : 'failed'] += 1;
    }
    await progress(report.pushed + report.alreadyThere + report.failed + report.refused);
  }
}

async function alreadyThere(client: PlatformClient, externalId: string, target: string): Promise<boolean> {
  const current = await client.order(externalId);
  return alreadyOnPlatform(current?.kind === 'order' ? current.order.status : undefined, target);
}

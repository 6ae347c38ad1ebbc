import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { eachUntilStopped } from './runStop.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Orders waiting for payment are opened once the platform says they are paid; an order still unpaid after the
 * configured days is no longer checked, and that is recorded in its feed.
 */
export async function checkPendingPayments(
  deps: ImportDependencies,
  integrationId: string,
  signal?: AbortSignal,
): Promise<{ opened: number; stillUnpaid: number; givenUp: number }> {
  const integration = await loadIntegration(deps.store, integrationId);
  const rule = integration.settings.pendingPayment;
  const report = { opened: 0, stillUnpaid: 0, givenUp: 0 };
  const waiting = (
    await deps.readModels.find<OrderDocument>(ORDERS_COLLECTION, { where: { integrationId, status: rule.status }, limit: 1_000 })
  ).filter((order) => !order.paymentCheckAbandoned && order.externalId);
  if (waiting.length === 0) return report;
  const client = platformClientOf(deps, integration, signal);
  // Each order is a boundary: a stop ends the run before the next one.
  await eachUntilStopped(signal, waiting, check);
  return report;

  async function check(order: OrderDocument): Promise<void> {
    const now = deps.clock();
    const stream = orderStream(order.id);
    const fetched = await client.order(order.externalId!);
    if (fetched?.kind === 'order' && fetched.order.paymentStatus === 'paid') {
      await handleCommand(deps.store, orderDecider, stream, { type: 'ChangeStatus', data: { to: rule.openStatus, at: now.toISOString() } });
      report.opened += 1;
    } else if (now.getTime() - Date.parse(order.createdAtPlatform ?? order.createdAt) > rule.giveUpAfterDays * DAY_MS) {
      await handleCommand(deps.store, orderDecider, stream, {
        type: 'AbandonPaymentCheck',
        data: { reason: `still unpaid ${rule.giveUpAfterDays} days after it was placed`, at: now.toISOString() },
      });
      report.givenUp += 1;
    } else {
      report.stillUnpaid += 1;
    }
  }
}

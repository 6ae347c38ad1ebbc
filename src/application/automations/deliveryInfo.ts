import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import { DomainError } from '../../domain/shared/errors.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { impossibleRequest, PlatformRequestError, type PlatformClient } from '../ports/platformClient.js';
import { ORDERS_COLLECTION, type OrderDocument } from '../projections/ordersProjection.js';
import type { RunReporting } from './automationDefinition.js';
import { eachUntilStopped } from './runStop.js';

const BATCH = 500;

/** The integration's orders with this flag set, and its adapter; none when there is nothing to do. */
async function candidates(deps: ImportDependencies, integrationId: string, flag: 'deliveryInfoPending' | 'awaitingDelivery', signal?: AbortSignal) {
  const orders = await deps.readModels.find<OrderDocument>(ORDERS_COLLECTION, {
    where: { integrationId, [flag]: true },
    orderBy: { field: 'updatedAt' },
    limit: BATCH,
  });
  if (orders.length === 0) return { orders, client: undefined };
  return { orders, client: platformClientOf(deps, await loadIntegration(deps.store, integrationId), signal) };
}

function unsupported(client: PlatformClient, what: string): never {
  throw impossibleRequest(client.platform, `${client.platform} cannot ${what} through its API`);
}

/**
 * Sends each shipment the store has not got yet: the tracking code and dispatch day. The write is absolute, so a
 * run repeated after a crash between the write and its record sends the same values again and changes nothing.
 */
export async function sendPendingDeliveryInfo(deps: ImportDependencies, integrationId: string, work: RunReporting) {
  const report = { sent: 0, failed: 0 };
  const { orders, client } = await candidates(deps, integrationId, 'deliveryInfoPending', work.signal);
  await eachUntilStopped(work.signal, orders, async (candidate) => {
    const stream = orderStream(candidate.id);
    const order = await loadState(deps.store, orderDecider, stream);
    if (!order.exists || !order.externalId || !order.shipment || order.shipment.sentToPlatform) return;
    const { trackingCode, shippedOn } = order.shipment;
    try {
      if (!client!.sendDeliveryInfo) unsupported(client!, 'receive delivery info');
      await client!.sendDeliveryInfo(order.externalId, { trackingCode, shippedOn });
    } catch (error) {
      // One order the platform refuses does not hold up the others; a platform that is down ends the run.
      if (!(error instanceof PlatformRequestError)) throw error;
      await work.log(`order ${order.externalId}: ${error.message}`);
      report.failed += 1;
      return;
    }
    await handleCommand(deps.store, orderDecider, stream, { type: 'RecordDeliveryInfoSent', data: { trackingCode, shippedOn, at: deps.clock().toISOString() } });
    report.sent += 1;
    await work.progress(report.sent + report.failed);
  });
  return report;
}

/** Asks the platform, for each shipped order not yet delivered, whether its carrier delivered it and when. */
export async function checkDeliveryDates(deps: ImportDependencies, integrationId: string, work: RunReporting) {
  const report = { delivered: 0, inTransit: 0, failed: 0 };
  const { orders, client } = await candidates(deps, integrationId, 'awaitingDelivery', work.signal);
  await eachUntilStopped(work.signal, orders, async (candidate) => {
    if (!candidate.externalId) return;
    let deliveredOn: string | null;
    try {
      if (!client!.deliveredOn) unsupported(client!, 'tell delivery dates');
      deliveredOn = await client!.deliveredOn(candidate.externalId);
    } catch (error) {
      if (!(error instanceof PlatformRequestError)) throw error;
      await work.log(`order ${candidate.externalId}: ${error.message}`);
      report.failed += 1;
      return;
    }
    if (deliveredOn === null) {
      report.inTransit += 1;
      return;
    }
    try {
      await handleCommand(deps.store, orderDecider, orderStream(candidate.id), { type: 'ConfirmDelivery', data: { deliveredOn, at: deps.clock().toISOString() } });
    } catch (error) {
      // A date the order cannot take (e.g. before its dispatch) is reported, not recorded.
      if (!(error instanceof DomainError)) throw error;
      await work.log(`order ${candidate.externalId}: the platform's delivery day ${deliveredOn} was not recorded: ${error.message}`);
      report.failed += 1;
      return;
    }
    report.delivered += 1;
    await work.progress(report.delivered + report.inTransit + report.failed);
  });
  return report;
}

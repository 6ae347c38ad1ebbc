import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import { InvalidStateError } from '../../domain/shared/errors.js';
import { UnknownOrderError } from '../orders/orderUseCases.js';
import type { OrderOutcomeRecord } from '../../domain/syncRun/syncRunEvents.js';
import { handleCommand } from '../commands/commandHandler.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import type { ImportDependencies } from './importDependencies.js';
import { importPlatformOrder, singleOrderContext } from './orderImport.js';
import { changeContextOrSystem, childChangeContext, withChangeContext } from '../context/changeContext.js';
import { platformClientOf } from '../integrations/platformClientOf.js';

/**
 * Re-syncs one imported order from its platform on a person's request. The request is recorded first, so the
 * once-per-10-minutes rule holds even when two people click at the same moment.
 */
export async function refreshOrder(deps: ImportDependencies, orderId: string): Promise<OrderOutcomeRecord & { position?: number }> {
  const at = deps.clock().toISOString();
  const history = await deps.store.readStream(orderStream(orderId));
  if (history.length === 0) throw new UnknownOrderError(orderId);
  const { state } = await handleCommand(deps.store, orderDecider, orderStream(orderId), { type: 'RequestRefresh', data: { at } }, { history });
  if (!state.exists || !state.integrationId || !state.externalId) throw new InvalidStateError('Only imported orders can be refreshed');

  const integration = await loadIntegration(deps.store, state.integrationId);
  const client = platformClientOf(deps, integration);
  const fetched = await client.order(state.externalId);
  if (!fetched) {
    return { externalId: state.externalId, outcome: 'rejected', reason: `${integration.platform} no longer has order ${state.externalId}` };
  }
  // The request is the person's; what the platform says about the order is the platform's, in the same correlation.
  const current = changeContextOrSystem();
  const asPlatform = childChangeContext({ source: 'platform', correlationId: current.correlationId });
  const outcome = await withChangeContext(asPlatform, () => importPlatformOrder(singleOrderContext(deps, integration, client, at), fetched));
  const [last] = (await deps.store.readStream(orderStream(orderId))).slice(-1);
  return { ...outcome, position: last?.position };
}

import type { IntegrationState } from '../../domain/integration/integrationDecider.js';
import { captureRefusal } from '../../domain/order/captureRules.js';
import { currencyRefusal } from '../../domain/order/currencyRule.js';
import { deliveryCharge, deliveryLine } from '../../domain/order/deliveryLine.js';
import { importedLine } from '../../domain/order/importedLines.js';
import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import type { OrderItem } from '../../domain/order/orderParts.js';
import { receivePlatformOrder } from '../../domain/order/platformOrderIntake.js';
import { DomainError } from '../../domain/shared/errors.js';
import { storableText } from '../../domain/shared/text.js';
import type { OrderOutcomeRecord } from '../../domain/syncRun/syncRunEvents.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore, StreamStore } from '../ports/eventStore.js';
import type { FetchedOrder, PlatformClient, PlatformOrder, PlatformOrderItem } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import { contactStream } from '../../domain/contact/contactDecider.js';
import { buyerContact, defaultCustomer, registerBuyer } from './buyerRegistration.js';
import { ProductMatcher } from './productMatching.js';
import { stableId } from './stableId.js';
import { StatusResolution } from './statusResolution.js';
import type { MatchingTurn } from './matchingTurns.js';

export interface OrderImportContext {
  /** The store itself for a single order; an order's view of its page when a sync run imports a page. */
  store: StreamStore;
  integration: IntegrationState & { exists: true };
  products: ProductMatcher;
  statuses: StatusResolution;
  /** The time of this sync, recorded as the orders' last synchronisation. */
  at: string;
}

/** The context to import single orders of one integration (a refresh, a webhook). */
export function singleOrderContext(
  deps: { store: EventStore; readModels: ReadModels },
  integration: IntegrationState & { exists: true },
  client: PlatformClient,
  at: string,
): OrderImportContext {
  return {
    store: deps.store,
    integration,
    products: new ProductMatcher(deps.store, deps.readModels, integration.settings),
    statuses: new StatusResolution(deps.store, integration, () => client.statuses()),
    at,
  };
}

/** The streams importing this page will read: its orders and their buyers, to be read in one go. */
export function streamsOfPage(integration: { integrationId: string; settings: { country: string | null } }, page: readonly FetchedOrder[]): string[] {
  return page.flatMap((fetched) => {
    if (fetched.kind !== 'order') return [];
    const streams = [orderStream(platformOrderId(integration.integrationId, fetched.order.externalId))];
    try {
      if (fetched.order.buyer) streams.push(contactStream(buyerContact(fetched.order.buyer, integration.settings.country).contactId));
    } catch {
      // A buyer who cannot be registered is reported when the order is imported.
    }
    return streams;
  });
}

/** The items of the page's readable orders, whose products the page will match. */
export const itemsOfPage = (page: readonly FetchedOrder[]): PlatformOrderItem[] => page.flatMap((fetched) => (fetched.kind === 'order' ? fetched.order.items : []));

export const platformOrderId = (integrationId: string, externalId: string) => stableId('order', integrationId, externalId);

/**
 * One platform order into the local order, its buyer and its products. A bad order comes back as rejected
 * with its reason; only failures of synchub's own stores escape, and they fail the run.
 */
export async function importPlatformOrder(ctx: OrderImportContext, fetched: FetchedOrder, turn?: MatchingTurn): Promise<OrderOutcomeRecord> {
  try {
    // A rejection is recorded whatever the platform put in its id or words: the run goes on and its cursor moves.
    if (fetched.kind === 'malformed') {
      return { externalId: storableText(fetched.order.externalId ?? '(unreadable id)'), outcome: 'rejected', reason: storableText(fetched.order.reason) };
    }
    const order = fetched.order;
    try {
      return await importReadableOrder(ctx, order, turn);
    } catch (error) {
      if (error instanceof DomainError) return { externalId: storableText(order.externalId), outcome: 'rejected', reason: storableText(error.message) };
      throw error;
    }
  } finally {
    turn?.done();
  }
}

/** Load the order's stream, apply the capture and currency rules, find its customer, lines and status, decide, append. */
async function importReadableOrder(ctx: OrderImportContext, order: PlatformOrder, turn?: MatchingTurn): Promise<OrderOutcomeRecord> {
  const { settings, integrationId } = ctx.integration;
  const orderId = platformOrderId(integrationId, order.externalId);
  const history = await ctx.store.readStream(orderStream(orderId));

  const notCaptured = captureRefusal(order, settings, { alreadyImported: history.length > 0 });
  if (notCaptured) return { externalId: order.externalId, outcome: 'skipped', reason: notCaptured };

  // The buyer is registered even when the order is then rejected for its currency.
  const customer = order.buyer
    ? await registerBuyer(ctx.store, order.buyer, ctx.at, settings.country)
    : await defaultCustomer(ctx.store, settings.defaultContactId);
  const wrongCurrency = currencyRefusal(order.currency, settings);
  if (wrongCurrency) return { externalId: order.externalId, outcome: 'rejected', reason: wrongCurrency };

  await turn?.wait();
  const items = await orderLines(ctx, order);
  turn?.done();

  const status = await ctx.statuses.localStatus(order.status, ctx.at);
  const command = receivePlatformOrder(order, settings, { orderId, integrationId, customer, items, status, at: ctx.at });
  const { newEvents } = await handleCommand(ctx.store, orderDecider, orderStream(orderId), command, { history });
  const outcome = newEvents.length === 0 ? 'unchanged' : newEvents[0].type === 'OrderImported' ? 'imported' : 'updated';
  return { externalId: order.externalId, outcome, orderId };
}

/** The order's lines: each item with its local product, then the delivery cost as a service line. */
async function orderLines(ctx: OrderImportContext, order: PlatformOrder): Promise<OrderItem[]> {
  const lines: OrderItem[] = [];
  for (const item of order.items) lines.push(importedLine(item, await ctx.products.match(item, ctx.at)));
  const charge = deliveryCharge(order.delivery, ctx.integration.settings.deliveryItem);
  if (charge) {
    const product = await ctx.products.match(charge, ctx.at, { service: true });
    lines.push(deliveryLine(charge, product.productId));
  }
  return lines;
}

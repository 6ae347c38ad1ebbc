import type { IntegrationState } from '../../domain/integration/integrationDecider.js';
import { DEFAULT_SETTINGS } from '../../domain/integration/integrationSettings.js';
import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import type { OrderCustomer, OrderItem } from '../../domain/order/orderParts.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { OrderOutcomeRecord } from '../../domain/syncRun/syncRunEvents.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { FetchedOrder, PlatformClient, PlatformOrder } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import { contactStream } from '../../domain/contact/contactDecider.js';
import { buyerContact, defaultCustomer, NoBuyerError, registerBuyer } from './buyerRegistration.js';
import type { PageStreams } from './pageStreams.js';
import { ProductMatcher } from './productMatching.js';
import { stableId } from './stableId.js';
import { StatusResolution } from './statusResolution.js';
import type { MatchingTurn } from './matchingTurns.js';

export interface OrderImportContext {
  store: EventStore;
  integration: IntegrationState & { exists: true };
  products: ProductMatcher;
  statuses: StatusResolution;
  /** The time of this sync, recorded as the orders' last synchronisation. */
  at: string;
  /** Streams read ahead for the page being imported; none for a single order. */
  streams?: PageStreams;
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
export function streamsOfPage(integrationId: string, page: readonly FetchedOrder[]): string[] {
  return page.flatMap((fetched) => {
    if (fetched.kind !== 'order') return [];
    const streams = [orderStream(platformOrderId(integrationId, fetched.order.externalId))];
    try {
      if (fetched.order.buyer) streams.push(contactStream(buyerContact(fetched.order.buyer).contactId));
    } catch {
      // A buyer who cannot be registered is reported when the order is imported.
    }
    return streams;
  });
}

export const platformOrderId = (integrationId: string, externalId: string) => stableId('order', integrationId, externalId);

/**
 * One platform order into the local order, its buyer and its products. A bad order comes back as rejected
 * with its reason; only failures of synchub's own stores escape, and they fail the run.
 */
export async function importPlatformOrder(ctx: OrderImportContext, fetched: FetchedOrder, turn?: MatchingTurn): Promise<OrderOutcomeRecord> {
  try {
    if (fetched.kind === 'malformed') {
      return { externalId: fetched.order.externalId ?? '(unreadable id)', outcome: 'rejected', reason: fetched.order.reason };
    }
    const order = fetched.order;
    try {
      return await importReadableOrder(ctx, order, turn);
    } catch (error) {
      if (error instanceof DomainError || error instanceof NoBuyerError) {
        return { externalId: order.externalId, outcome: 'rejected', reason: error.message };
      }
      throw error;
    }
  } finally {
    turn?.done();
  }
}

async function importReadableOrder(ctx: OrderImportContext, order: PlatformOrder, turn?: MatchingTurn): Promise<OrderOutcomeRecord> {
  const { settings, integrationId } = ctx.integration;
  const orderId = platformOrderId(integrationId, order.externalId);
  const history = ctx.streams?.take(orderStream(orderId)) ?? (await ctx.store.readStream(orderStream(orderId)));
  const isNew = history.length === 0;

  // Capture rules decide which new orders are picked up; an order already imported is always kept in sync.
  if (isNew && settings.captureStatuses && !settings.captureStatuses.includes(order.status)) {
    return { externalId: order.externalId, outcome: 'skipped', reason: `status ${order.status} is not a capture status` };
  }
  if (isNew && settings.testAllowList && !order.items.some((item) => item.sku && settings.testAllowList!.includes(item.sku))) {
    return { externalId: order.externalId, outcome: 'skipped', reason: 'no item is on the test allow-list' };
  }

  // The buyer is registered even when the order is then rejected for its currency.
  const customer: OrderCustomer = order.buyer
    ? await registerBuyer(ctx.store, order.buyer, ctx.at, ctx.streams)
    : await defaultCustomer(ctx.store, settings.defaultContactId);
  if (order.currency !== settings.currency) {
    return {
      externalId: order.externalId,
      outcome: 'rejected',
      reason: `the order is in ${order.currency} but the store ${settings.storeName} sells in ${settings.currency}`,
    };
  }

  await turn?.wait();
  const items: OrderItem[] = [];
  for (const item of order.items) {
    const product = await ctx.products.match(item, ctx.at);
    items.push({
      productId: product.productId,
      sku: item.sku ?? '',
      name: item.name,
      quantity: item.quantity,
      price: item.price,
      kind: product.isService ? 'service' : 'product',
      deductible: false,
    });
  }
  if (order.delivery && order.delivery.cost > 0) {
    const { sku, name } = settings.deliveryItem;
    const product = await ctx.products.match({ sku, name, quantity: 1, price: order.delivery.cost }, ctx.at, { service: true });
    items.push({ productId: product.productId, sku, name, quantity: 1, price: order.delivery.cost, kind: 'service', deductible: false });
  }
  turn?.done();

  const comment = [settings.sourceNumberInComment && order.sourceNumber ? `Source order ${order.sourceNumber}` : '', order.comment ?? '']
    .filter(Boolean)
    .join('\n');
  const { newEvents } = await handleCommand(ctx.store, orderDecider, orderStream(orderId), {
    type: 'ReceivePlatformOrder',
    data: {
      orderId,
      integrationId,
      externalId: order.externalId,
      storeName: settings.storeName,
      platformUrl: order.platformUrl,
      platformStatus: order.status,
      createdAtPlatform: order.createdAt,
      platformUpdatedAt: order.updatedAt,
      responsibleUser: settings.managerUsers.find((m) => m.platform === order.managerId)?.local ?? settings.responsibleUser,
      number: order.number,
      status: await ctx.statuses.localStatus(order.status, ctx.at),
      customer,
      items,
      discounts: order.discounts,
      discountTotal: order.discounts.reduce((sum, d) => sum + d.amount, 0),
      delivery: order.delivery ?? null,
      total: order.total,
      currency: order.currency,
      comment,
      at: ctx.at,
      // Integrations connected before the guard existed get the default guard.
      regressionGuard: settings.regressionGuard ?? DEFAULT_SETTINGS.regressionGuard,
      returnStatus: settings.returnStatus,
    },
  }, { history });
  const outcome = newEvents.length === 0 ? 'unchanged' : newEvents[0].type === 'OrderImported' ? 'imported' : 'updated';
  return { externalId: order.externalId, outcome, orderId };
}

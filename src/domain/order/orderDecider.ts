import type { Decider } from '../shared/decider.js';
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertMoney } from '../shared/money.js';
import { assertText, assertTime } from '../shared/text.js';
import type { OrderCommand, PlatformChanges } from './orderCommands.js';
import type { OrderContent, OrderEvent } from './orderEvents.js';
import { quantityChanges, sameDelivery, sameItems, validateDelivery, validateDiscounts, validateItems } from './orderParts.js';
import { evolveOrder, initialOrderState, type OrderState } from './orderState.js';
import { REFRESH_INTERVAL_MS, RefreshTooSoonError } from './refreshTooSoonError.js';

type ExistingOrder = OrderState & { exists: true };

function validateContent(content: OrderContent): void {
  assertText('number', content.number, { required: true, max: 100 });
  assertText('status', content.status, { required: true, max: 100 });
  assertText('comment', content.comment, { max: 5000 });
  if (!/^[A-Z]{3}$/.test(content.currency)) {
    throw new InvalidValueError('currency', `must be a three-letter ISO 4217 code, got ${JSON.stringify(content.currency)}`);
  }
  if (!content.customer?.contactId) throw new InvalidValueError('customer', 'is required');
  validateItems(content.items);
  validateDiscounts(content.discounts);
  validateDelivery(content.delivery);
  assertMoney('discountTotal', content.discountTotal);
  assertMoney('total', content.total);
}

/** What changed on the platform since the last sync, as events; none when nothing did. */
function syncFromPlatform(state: ExistingOrder, incoming: PlatformChanges, at: string): OrderEvent[] {
  const events: OrderEvent[] = [];
  if (incoming.status !== state.status) {
    events.push({
      type: 'StatusChanged',
      data: { from: state.status, to: incoming.status, source: 'platform', platformStatus: incoming.platformStatus, at },
    });
  }
  const itemsDiffer =
    !sameItems(state.items, incoming.items) ||
    state.total !== incoming.total ||
    state.discountTotal !== incoming.discountTotal;
  if (itemsDiffer && !state.writtenOff) {
    const { items, discounts, discountTotal, total } = incoming;
    events.push({ type: 'OrderItemsChanged', data: { items, discounts, discountTotal, total, at } });
  } else if (itemsDiffer && !(state.refusedItems && sameItems(state.refusedItems, incoming.items))) {
    events.push({
      type: 'QuantityChangeRefused',
      data: {
        changes: quantityChanges(state.items, incoming.items),
        platformItems: incoming.items,
        reason: 'The stock of this order was written off; platform changes to its items are no longer applied',
        at,
      },
    });
  }
  if (!sameDelivery(state.delivery, incoming.delivery)) {
    events.push({ type: 'DeliveryChanged', data: { previous: state.delivery, delivery: incoming.delivery, at } });
  }
  if (events.length > 0 || incoming.platformStatus !== state.platformStatus) {
    events.push({ type: 'OrderSyncedFromPlatform', data: { platformStatus: incoming.platformStatus, syncedAt: at } });
  }
  return events;
}

function existing(state: OrderState): ExistingOrder {
  if (!state.exists) throw new InvalidStateError('The order does not exist');
  return state;
}

export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide(command, state) {
    switch (command.type) {
      case 'ReceivePlatformOrder': {
        const { at, ...facts } = command.data;
        validateContent(facts);
        assertTime('createdAtPlatform', facts.createdAtPlatform);
        if (!state.exists) return [{ type: 'OrderImported', data: { ...facts, syncedAt: at } }];
        if (state.externalId !== facts.externalId || state.integrationId !== facts.integrationId) {
          throw new InvalidStateError(`Order ${state.orderId} belongs to another platform order`);
        }
        return syncFromPlatform(state, facts, at);
      }
      case 'CreateOrder': {
        if (state.exists) throw new InvalidStateError(`Order ${state.orderId} exists already`);
        const { at, ...content } = command.data;
        validateContent(content);
        return [{ type: 'OrderCreated', data: { ...content, createdAt: at } }];
      }
      case 'ChangeStatus': {
        const order = existing(state);
        assertText('status', command.data.to, { required: true, max: 100 });
        if (command.data.to === order.status) return [];
        return [{ type: 'StatusChanged', data: { from: order.status, to: command.data.to, source: 'local', at: command.data.at } }];
      }
      case 'WriteOff': {
        const order = existing(state);
        if (order.writtenOff) throw new InvalidStateError(`The stock of order ${order.orderId} was written off already`);
        return [{ type: 'WriteOffDone', data: { at: command.data.at } }];
      }
      case 'RequestRefresh': {
        const order = existing(state);
        if (order.source !== 'integration') throw new InvalidStateError('Only orders imported from a platform can be refreshed');
        const elapsed = order.lastRefreshAt ? Date.parse(command.data.at) - Date.parse(order.lastRefreshAt) : Infinity;
        if (elapsed < REFRESH_INTERVAL_MS) throw new RefreshTooSoonError(Math.ceil((REFRESH_INTERVAL_MS - elapsed) / 1000));
        return [{ type: 'OrderRefreshRequested', data: { at: command.data.at } }];
      }
    }
  },
};

export const orderStream = (orderId: string) => `order-${orderId}`;

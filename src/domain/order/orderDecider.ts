import type { Decider } from '../shared/decider.js';
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertMoney } from '../shared/money.js';
import { assertText, assertTime } from '../shared/text.js';
import { captureAcknowledgement } from './captureRules.js';
import type { OrderCommand, PlatformChanges, ReceivePlatformOrder } from './orderCommands.js';
import { platformMoved, platformStatusApplies } from './echoSuppression.js';
import type { OrderContent, OrderEvent } from './orderEvents.js';
import { sameDelivery, validateDelivery, validateDiscounts, validateItems } from './orderParts.js';
import { decideShipment } from './orderShipment.js';
import { decideStatusPush } from './orderStatusPush.js';
import { evolveOrder, initialOrderState, type OrderState } from './orderState.js';
import { REFRESH_INTERVAL_MS, RefreshTooSoonError } from './refreshTooSoonError.js';
import { regressionForbidden, regressionRefused, type RegressionGuard } from './regressionGuard.js';
import { itemChangesFromPlatform } from './writeOffRefusal.js';

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

/** The platform's status, as events: followed through the mapping, unless a pending local change or the regression guard stands. */
function statusFromPlatform(state: ExistingOrder, incoming: PlatformChanges, at: string, guard?: RegressionGuard): OrderEvent[] {
  if (!platformStatusApplies(state, incoming)) return [];
  if (regressionForbidden(state.statusHistory, incoming.status, guard)) {
    // Recorded once: the same platform status sent again is no new attempt.
    return platformMoved(state, incoming) ? [regressionRefused(state.status, incoming.status, incoming.platformStatus, at)] : [];
  }
  return [{ type: 'StatusChanged', data: { from: state.status, to: incoming.status, source: 'platform', platformStatus: incoming.platformStatus, at } }];
}

/** What changed on the platform since the last sync, as events; none when nothing did (our own echo included). */
function syncFromPlatform(state: ExistingOrder, incoming: PlatformChanges, at: string, guard?: RegressionGuard): OrderEvent[] {
  const events: OrderEvent[] = [...statusFromPlatform(state, incoming, at, guard), ...itemChangesFromPlatform(state, incoming, at)];
  if (!sameDelivery(state.delivery, incoming.delivery)) {
    events.push({ type: 'DeliveryChanged', data: { previous: state.delivery, delivery: incoming.delivery, at } });
  }
  if (events.length > 0 || platformMoved(state, incoming)) {
    const synced = { platformStatus: incoming.platformStatus, syncedAt: at };
    events.push({ type: 'OrderSyncedFromPlatform', data: incoming.platformUpdatedAt ? { ...synced, platformUpdatedAt: incoming.platformUpdatedAt } : synced });
  }
  return events;
}

/** A platform order received: imported when new, synchronised when known, ignored when older than what the order took in. */
function decideReceipt(command: ReceivePlatformOrder, state: OrderState): OrderEvent[] {
  const { at, regressionGuard, returnStatus, ...facts } = command.data;
  validateContent(facts);
  assertTime('createdAtPlatform', facts.createdAtPlatform);
  if (!state.exists) {
    const acknowledgement = captureAcknowledgement(returnStatus, facts.platformStatus, at);
    return [{ type: 'OrderImported', data: { ...facts, syncedAt: at } }, ...(acknowledgement ? [acknowledgement] : [])];
  }
  if (state.externalId !== facts.externalId || state.integrationId !== facts.integrationId) {
    throw new InvalidStateError(`Order ${state.orderId} belongs to another platform order`);
  }
  // A copy older than what the order already took in (deliveries out of order) would move it backwards.
  if (facts.platformUpdatedAt && state.platformUpdatedAt && Date.parse(facts.platformUpdatedAt) < Date.parse(state.platformUpdatedAt)) return [];
  return syncFromPlatform(state, facts, at, regressionGuard);
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
      case 'ReceivePlatformOrder':
        return decideReceipt(command, state);
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
      case 'RecordStatusPush':
      case 'RecordStatusPushFailure':
      case 'AbandonStatusPush':
        return decideStatusPush(command, existing(state));
      case 'AbandonPaymentCheck': {
        const order = existing(state);
        return order.paymentCheckAbandoned ? [] : [{ type: 'PaymentCheckAbandoned', data: command.data }];
      }
      case 'RecordShipment':
      case 'RecordDeliveryInfoSent':
      case 'ConfirmDelivery':
        return decideShipment(command, existing(state));
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

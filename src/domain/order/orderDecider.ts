import type { Decider } from '../shared/decider.js';
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertMoney } from '../shared/money.js';
import { assertText, assertTime } from '../shared/text.js';
import type { OrderCommand, PlatformChanges, RegressionGuard } from './orderCommands.js';
import type { OrderContent, OrderEvent } from './orderEvents.js';
import { quantityChanges, sameDelivery, sameItems, validateDelivery, validateDiscounts, validateItems } from './orderParts.js';
import { decideShipment } from './orderShipment.js';
import { evolveOrder, initialOrderState, type OrderState } from './orderState.js';
import { REFRESH_INTERVAL_MS, RefreshTooSoonError } from './refreshTooSoonError.js';

type ExistingOrder = OrderState & { exists: true };

/** A failed status push waits 30 s, then twice as long each time, at most an hour. */
const PUSH_RETRY_BASE_MS = 30_000;
const PUSH_RETRY_MAX_MS = 60 * 60 * 1000;

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
function syncFromPlatform(state: ExistingOrder, incoming: PlatformChanges, at: string, guard?: RegressionGuard): OrderEvent[] {
  const events: OrderEvent[] = [];
  const platformMoved = incoming.platformStatus !== state.platformStatus;
  const wasInvoiced = guard !== undefined && state.statusHistory.some((status) => guard.invoiced.includes(status));
  // A local change still on its way to the platform wins over the platform's older status.
  if (incoming.status !== state.status && !state.pendingPush) {
    if (wasInvoiced && guard.cannotReturnTo.includes(incoming.status)) {
      if (platformMoved) {
        events.push({
          type: 'StatusRegressionRefused',
          data: {
            from: state.status,
            to: incoming.status,
            platformStatus: incoming.platformStatus,
            reason: `The order was invoiced; a platform update may not move it back to ${incoming.status}`,
            at,
          },
        });
      }
    } else {
      events.push({
        type: 'StatusChanged',
        data: { from: state.status, to: incoming.status, source: 'platform', platformStatus: incoming.platformStatus, at },
      });
    }
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
  if (events.length > 0 || platformMoved) {
    const synced = { platformStatus: incoming.platformStatus, syncedAt: at };
    events.push({ type: 'OrderSyncedFromPlatform', data: incoming.platformUpdatedAt ? { ...synced, platformUpdatedAt: incoming.platformUpdatedAt } : synced });
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
        const { at, regressionGuard: _, returnStatus, ...facts } = command.data;
        validateContent(facts);
        assertTime('createdAtPlatform', facts.createdAtPlatform);
        if (!state.exists) {
          const imported: OrderEvent = { type: 'OrderImported', data: { ...facts, syncedAt: at } };
          const acknowledge = returnStatus && returnStatus !== facts.platformStatus;
          return acknowledge ? [imported, { type: 'CaptureAcknowledgementQueued', data: { platformStatus: returnStatus, at } }] : [imported];
        }
        if (state.externalId !== facts.externalId || state.integrationId !== facts.integrationId) {
          throw new InvalidStateError(`Order ${state.orderId} belongs to another platform order`);
        }
        // A copy older than what the order already took in (deliveries out of order) would move it backwards.
        if (facts.platformUpdatedAt && state.platformUpdatedAt && Date.parse(facts.platformUpdatedAt) < Date.parse(state.platformUpdatedAt)) return [];
        return syncFromPlatform(state, facts, at, command.data.regressionGuard);
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
      case 'RecordStatusPush': {
        const order = existing(state);
        if (!order.pendingPush) return [];
        return [{ type: 'StatusPushed', data: { status: order.pendingPush.status, platformStatus: command.data.platformStatus, at: command.data.at } }];
      }
      case 'RecordStatusPushFailure': {
        const order = existing(state);
        if (!order.pendingPush) return [];
        const attempts = order.pendingPush.attempts + 1;
        const pause = Math.min(PUSH_RETRY_BASE_MS * 2 ** (attempts - 1), PUSH_RETRY_MAX_MS);
        const nextAttemptAt = new Date(Date.parse(command.data.at) + pause).toISOString();
        return [
          {
            type: 'StatusPushFailed',
            data: { status: order.pendingPush.status, error: command.data.error.slice(0, 500), attempts, nextAttemptAt, at: command.data.at },
          },
        ];
      }
      case 'AbandonStatusPush': {
        const order = existing(state);
        if (!order.pendingPush) throw new InvalidStateError('No status push is waiting for this order');
        return [{ type: 'StatusPushAbandoned', data: { status: order.pendingPush.status, reason: command.data.reason, at: command.data.at } }];
      }
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

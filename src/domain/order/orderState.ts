import type { OrderEvent } from './orderEvents.js';
import type { OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';
import { afterStatusPushed, pushAfterStatusChange } from './echoSuppression.js';
import { evolveShipment, type Shipment } from './orderShipment.js';

export type OrderState =
  | { exists: false }
  | {
      exists: true;
      orderId: string;
      source: 'local' | 'integration';
      integrationId: string | null;
      externalId: string | null;
      status: string;
      platformStatus: string | null;
      items: OrderItem[];
      discounts: OrderDiscount[];
      discountTotal: number;
      total: number;
      delivery: OrderDelivery | null;
      writtenOff: boolean;
      /** The platform items last refused, so the same refusal is recorded once, not at every sync. */
      refusedItems: OrderItem[] | null;
      /** Every local status the order has had: the regression guard asks whether it was ever invoiced. */
      statusHistory: string[];
      /** A local status change not yet on the platform. */
      pendingPush: PendingPush | null;
      paymentCheckAbandoned: boolean;
      lastRefreshAt: string | null;
      shipment: Shipment | null;
      /** The platform's last change this order took in; null for orders imported before it was kept. */
      platformUpdatedAt: string | null;
    };

export interface PendingPush {
  status: string;
  /** A platform status to write as it is (the return status after capture) instead of the mapped local status. */
  platformStatus?: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export const initialOrderState = (): OrderState => ({ exists: false });

type ExistingOrder = OrderState & { exists: true };

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderImported' || event.type === 'OrderCreated') return orderBegun(event);
  if (!state.exists) return state;
  switch (event.type) {
    case 'StatusChanged':
    case 'StatusPushed':
    case 'StatusPushFailed':
    case 'CaptureAcknowledgementQueued':
    case 'StatusPushAbandoned':
    case 'StatusRegressionRefused':
      return evolveStatus(state, event);
    case 'PaymentCheckAbandoned':
      return { ...state, paymentCheckAbandoned: true };
    case 'OrderItemsChanged': {
      const { at: _, ...content } = event.data;
      return { ...state, ...content, refusedItems: null };
    }
    case 'QuantityChangeRefused':
      return { ...state, refusedItems: event.data.platformItems };
    case 'DeliveryChanged':
      return { ...state, delivery: event.data.delivery };
    case 'OrderSyncedFromPlatform':
      return { ...state, platformStatus: event.data.platformStatus, platformUpdatedAt: event.data.platformUpdatedAt ?? state.platformUpdatedAt };
    case 'WriteOffDone':
      return { ...state, writtenOff: true };
    case 'OrderRefreshRequested':
      return { ...state, lastRefreshAt: event.data.at };
    case 'ShipmentRecorded':
    case 'DeliveryInfoSent':
    case 'DeliveryConfirmed':
      return { ...state, shipment: evolveShipment(state.shipment, event) };
  }
}

/** An order imported from a platform or created locally: the first event of its stream. */
function orderBegun(event: Extract<OrderEvent, { type: 'OrderImported' | 'OrderCreated' }>): ExistingOrder {
  const d = event.data;
  const imported = event.type === 'OrderImported' ? event.data : undefined;
  return {
    exists: true,
    orderId: d.orderId,
    source: imported ? 'integration' : 'local',
    integrationId: imported?.integrationId ?? null,
    externalId: imported?.externalId ?? null,
    status: d.status,
    platformStatus: imported?.platformStatus ?? null,
    items: d.items,
    discounts: d.discounts,
    discountTotal: d.discountTotal,
    total: d.total,
    delivery: d.delivery,
    writtenOff: false,
    refusedItems: null,
    lastRefreshAt: null,
    statusHistory: [d.status],
    pendingPush: null,
    paymentCheckAbandoned: false,
    shipment: null,
    platformUpdatedAt: imported?.platformUpdatedAt ?? null,
  };
}

type StatusEvent = Extract<
  OrderEvent,
  { type: 'StatusChanged' | 'StatusPushed' | 'StatusPushFailed' | 'CaptureAcknowledgementQueued' | 'StatusPushAbandoned' | 'StatusRegressionRefused' }
>;

/** The order's status, the platform's status and the push waiting between them. */
function evolveStatus(state: ExistingOrder, event: StatusEvent): ExistingOrder {
  switch (event.type) {
    case 'StatusChanged': {
      const { to, platformStatus } = event.data;
      return {
        ...state,
        status: to,
        platformStatus: platformStatus ?? state.platformStatus,
        statusHistory: state.statusHistory.includes(to) ? state.statusHistory : [...state.statusHistory, to],
        pendingPush: pushAfterStatusChange(state, event.data),
      };
    }
    case 'StatusPushed':
      return { ...state, ...afterStatusPushed(state, event.data) };
    case 'StatusPushFailed':
      return state.pendingPush?.status === event.data.status
        ? {
            ...state,
            pendingPush: { ...state.pendingPush, attempts: event.data.attempts, lastError: event.data.error, nextAttemptAt: event.data.nextAttemptAt },
          }
        : state;
    case 'CaptureAcknowledgementQueued':
      return { ...state, pendingPush: { status: state.status, platformStatus: event.data.platformStatus, attempts: 0, lastError: null, nextAttemptAt: null } };
    case 'StatusPushAbandoned':
      return state.pendingPush?.status === event.data.status ? { ...state, pendingPush: null } : state;
    case 'StatusRegressionRefused':
      return { ...state, platformStatus: event.data.platformStatus };
  }
}

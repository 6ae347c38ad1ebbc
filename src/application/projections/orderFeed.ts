import type { OrderEvent } from '../../domain/order/orderEvents.js';
import type { OrderDelivery } from '../../domain/order/orderParts.js';
import { formatMoney } from '../../domain/shared/currencyExponent.js';

export interface FeedEntry {
  at: string;
  type: string;
  text: string;
}

export function deliveryText(delivery: OrderDelivery, currency: string): string {
  const to = [delivery.recipient, delivery.address].filter(Boolean).join(', ');
  return `${delivery.method || 'no delivery method'}, cost ${formatMoney(delivery.cost, currency)}${to ? `, to ${to}` : ''}`;
}

/** The line a person reads in the order's feed for an event; undefined for events that say nothing new. */
export function feedEntry(event: OrderEvent, currency: string): FeedEntry | undefined {
  switch (event.type) {
    case 'OrderImported': {
      const delivery = event.data.delivery ? `; delivery: ${deliveryText(event.data.delivery, currency)}` : '';
      const missing = event.data.missing?.length ? `; came without: ${event.data.missing.join(', ')}` : '';
      return { at: event.data.syncedAt, type: event.type, text: `Imported from ${event.data.storeName} (order ${event.data.number})${delivery}${missing}` };
    }
    case 'OrderCreated':
      return { at: event.data.createdAt, type: event.type, text: `Created locally (order ${event.data.number})` };
    case 'StatusChanged':
      return {
        at: event.data.at,
        type: event.type,
        text: `Status ${event.data.from} → ${event.data.to} (${event.data.source === 'platform' ? 'changed on the platform' : 'changed locally'})`,
      };
    case 'OrderItemsChanged':
      return {
        at: event.data.at,
        type: event.type,
        text: `Items updated from the platform: ${event.data.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}; total ${formatMoney(event.data.total, currency)}`,
      };
    case 'QuantityChangeRefused':
      return {
        at: event.data.at,
        type: event.type,
        text: `Platform change refused: ${event.data.changes.map((c) => `${c.name} ${c.from} → ${c.to}`).join(', ')}. ${event.data.reason}`,
      };
    case 'DeliveryChanged':
      return {
        at: event.data.at,
        type: event.type,
        text: event.data.delivery ? `Delivery changed: ${deliveryText(event.data.delivery, currency)}` : 'Delivery removed',
      };
    case 'WriteOffDone':
      return { at: event.data.at, type: event.type, text: 'Stock written off' };
    case 'OrderRefreshRequested':
      return { at: event.data.at, type: event.type, text: 'Refresh from the platform requested' };
    case 'StatusPushed':
      return { at: event.data.at, type: event.type, text: `Status ${event.data.status} sent to the platform (${event.data.platformStatus})` };
    case 'StatusPushFailed':
      return {
        at: event.data.at,
        type: event.type,
        text: `Sending status ${event.data.status} to the platform failed (attempt ${event.data.attempts}): ${event.data.error}; next attempt ${event.data.nextAttemptAt}`,
      };
    case 'CaptureAcknowledgementQueued':
      return { at: event.data.at, type: event.type, text: `Receipt to be acknowledged on the platform with its status ${event.data.platformStatus}` };
    case 'StatusPushAbandoned':
      return { at: event.data.at, type: event.type, text: `Sending status ${event.data.status} given up: ${event.data.reason}` };
    case 'StatusRegressionRefused':
      return {
        at: event.data.at,
        type: event.type,
        text: `Platform status ${event.data.platformStatus} (${event.data.to}) refused: ${event.data.reason}`,
      };
    case 'PaymentCheckAbandoned':
      return { at: event.data.at, type: event.type, text: `Payment no longer checked: ${event.data.reason}` };
    case 'ShipmentRecorded':
      return { at: event.data.at, type: event.type, text: `Shipped on ${event.data.shippedOn}, tracking code ${event.data.trackingCode}` };
    case 'DeliveryInfoSent':
      return { at: event.data.at, type: event.type, text: `Tracking code ${event.data.trackingCode} and dispatch day ${event.data.shippedOn} sent to the store` };
    case 'DeliveryConfirmed':
      return { at: event.data.at, type: event.type, text: `Delivered on ${event.data.deliveredOn} (tracking code ${event.data.trackingCode}), as the platform reports` };
    case 'OrderSyncedFromPlatform':
      return undefined;
  }
}

import type { OrderEvent } from '../../domain/order/orderEvents.js';
import type { Shipment } from '../../domain/order/orderShipment.js';
import type { PendingPush } from '../../domain/order/orderState.js';
import type { OrderCustomer, OrderDelivery, OrderDiscount, OrderItem } from '../../domain/order/orderParts.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import { feedEntry, type FeedEntry } from './orderFeed.js';
import { countDocument, ORDER_COUNTS_COLLECTION, recountOrder } from './orderCounts.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const ORDERS_COLLECTION = 'orders';

/** An order for lists and detail; money in minor units, as in the events. */
export interface OrderDocument extends Record<string, unknown> {
  id: string;
  number: string;
  source: 'local' | 'integration';
  integrationId: string | null;
  externalId: string | null;
  storeName: string | null;
  platformUrl: string | null;
  status: string;
  platformStatus: string | null;
  currency: string;
  total: number;
  discountTotal: number;
  discounts: OrderDiscount[];
  createdAtPlatform: string | null;
  responsibleUser: string | null;
  /** Bank account or cash desk for the order's documents, from the integration's setting at import. */
  paymentAccount: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  customer: OrderCustomer;
  items: OrderItem[];
  delivery: OrderDelivery | null;
  comment: string;
  writtenOff: boolean;
  lastRefreshAt: string | null;
  /** A local status on its way to the platform: `pushPending` is what the status automation looks for. */
  pendingPush: PendingPush | null;
  pushPending: boolean;
  paymentCheckAbandoned: boolean;
  shipment: Shipment | null;
  /** Flat flags the delivery automations look for: a shipment the store has not got yet, one not yet delivered. */
  deliveryInfoPending: boolean;
  awaitingDelivery: boolean;
  feed: FeedEntry[];
  /** Stream version of the last event applied: an event at or below it was applied already. */
  version: number;
}

function created(event: OrderEvent & { type: 'OrderImported' | 'OrderCreated' }, id: string, version: number): OrderDocument {
  const d = event.data;
  const imported = event.type === 'OrderImported' ? event.data : undefined;
  const at = imported ? imported.syncedAt : (d as { createdAt: string }).createdAt;
  return {
    id,
    number: d.number,
    source: imported ? 'integration' : 'local',
    integrationId: imported?.integrationId ?? null,
    externalId: imported?.externalId ?? null,
    storeName: imported?.storeName ?? null,
    platformUrl: imported?.platformUrl ?? null,
    status: d.status,
    platformStatus: imported?.platformStatus ?? null,
    currency: d.currency,
    total: d.total,
    discountTotal: d.discountTotal,
    discounts: d.discounts,
    createdAtPlatform: imported?.createdAtPlatform ?? null,
    responsibleUser: imported?.responsibleUser ?? null,
    paymentAccount: imported?.paymentAccount ?? null,
    lastSyncedAt: imported?.syncedAt ?? null,
    createdAt: imported?.createdAtPlatform ?? at,
    updatedAt: at,
    customer: d.customer,
    items: d.items,
    delivery: d.delivery,
    comment: d.comment,
    writtenOff: false,
    lastRefreshAt: null,
    pendingPush: null,
    pushPending: false,
    paymentCheckAbandoned: false,
    shipment: null,
    deliveryInfoPending: false,
    awaitingDelivery: false,
    feed: [],
    version,
  };
}

function changed(doc: OrderDocument, event: OrderEvent): OrderDocument {
  switch (event.type) {
    case 'StatusChanged': {
      const pending = event.data.source === 'local' && doc.source === 'integration';
      return {
        ...doc,
        status: event.data.to,
        platformStatus: event.data.platformStatus ?? doc.platformStatus,
        updatedAt: event.data.at,
        ...(pending ? { pendingPush: { status: event.data.to, attempts: 0, lastError: null, nextAttemptAt: null }, pushPending: true } : {}),
      };
    }
    case 'StatusPushed':
    case 'StatusPushAbandoned':
      return { ...doc, pendingPush: null, pushPending: false, ...(event.type === 'StatusPushed' ? { platformStatus: event.data.platformStatus } : {}) };
    case 'CaptureAcknowledgementQueued':
      return { ...doc, pendingPush: { status: doc.status, platformStatus: event.data.platformStatus, attempts: 0, lastError: null, nextAttemptAt: null }, pushPending: true };
    case 'StatusPushFailed':
      return {
        ...doc,
        pendingPush: { ...doc.pendingPush, status: event.data.status, attempts: event.data.attempts, lastError: event.data.error, nextAttemptAt: event.data.nextAttemptAt },
      };
    case 'StatusRegressionRefused':
      return { ...doc, platformStatus: event.data.platformStatus };
    case 'PaymentCheckAbandoned':
      return { ...doc, paymentCheckAbandoned: true };
    case 'OrderItemsChanged': {
      const { at, ...content } = event.data;
      return { ...doc, ...content, updatedAt: at };
    }
    case 'DeliveryChanged':
      return { ...doc, delivery: event.data.delivery, updatedAt: event.data.at };
    case 'OrderSyncedFromPlatform':
      return { ...doc, platformStatus: event.data.platformStatus, lastSyncedAt: event.data.syncedAt };
    case 'WriteOffDone':
      return { ...doc, writtenOff: true, updatedAt: event.data.at };
    case 'OrderRefreshRequested':
      return { ...doc, lastRefreshAt: event.data.at };
    case 'ShipmentRecorded': {
      const { trackingCode, shippedOn, at } = event.data;
      const shipment = { trackingCode, shippedOn, sentToPlatform: false, deliveredOn: null };
      return { ...doc, shipment, deliveryInfoPending: doc.source === 'integration', awaitingDelivery: doc.source === 'integration', updatedAt: at };
    }
    case 'DeliveryInfoSent':
      return doc.shipment ? { ...doc, shipment: { ...doc.shipment, sentToPlatform: true }, deliveryInfoPending: false } : doc;
    case 'DeliveryConfirmed':
      return doc.shipment ? { ...doc, shipment: { ...doc.shipment, deliveredOn: event.data.deliveredOn }, awaitingDelivery: false, updatedAt: event.data.at } : doc;
    default:
      return doc;
  }
}

export const ordersProjection: Projection = {
  name: 'orders',
  collections: [ORDERS_COLLECTION, ORDER_COUNTS_COLLECTION],
  handles: new Set<OrderEvent['type']>([
    'OrderImported',
    'OrderCreated',
    'StatusChanged',
    'OrderItemsChanged',
    'QuantityChangeRefused',
    'DeliveryChanged',
    'OrderSyncedFromPlatform',
    'WriteOffDone',
    'OrderRefreshRequested',
    'CaptureAcknowledgementQueued',
    'StatusPushed',
    'StatusPushFailed',
    'StatusPushAbandoned',
    'StatusRegressionRefused',
    'PaymentCheckAbandoned',
    'ShipmentRecorded',
    'DeliveryInfoSent',
    'DeliveryConfirmed',
  ]),

  documentsOf: (recorded) => {
    const id = streamId(recorded.streamName);
    const event = { type: recorded.type, data: recorded.data } as OrderEvent;
    // A new order joins a count: read with the batch, not one count at a time.
    if (event.type !== 'OrderImported' && event.type !== 'OrderCreated') return [[ORDERS_COLLECTION, id]];
    return [[ORDERS_COLLECTION, id], countDocument(created(event, id, recorded.version))];
  },

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as OrderEvent;
    const id = streamId(recorded.streamName);
    const existing = await tx.get<OrderDocument>(ORDERS_COLLECTION, id);
    if (existing && recorded.version <= existing.version) return;
    const base =
      event.type === 'OrderImported' || event.type === 'OrderCreated' ? created(event, id, recorded.version) : existing;
    if (!base) return;
    const next = changed(base, event);
    // changed() answers a new document, or the one it was given when the event leaves it as it was: only the stored
    // one must be copied before it is changed here (a created one is this call's own).
    const doc = next === existing ? { ...next } : next;
    doc.version = recorded.version;
    const entry = feedEntry(event, doc.currency);
    if (entry) doc.feed = [...doc.feed, entry];
    await tx.put(ORDERS_COLLECTION, id, doc);
    await recountOrder(tx, existing, doc);
  },
};

import type { DomainEvent } from '../shared/decider.js';
import type { Money } from '../shared/money.js';
import type { OrderCustomer, OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';

export interface OrderContent {
  number: string;
  status: string;
  customer: OrderCustomer;
  items: OrderItem[];
  discounts: OrderDiscount[];
  discountTotal: Money;
  delivery: OrderDelivery | null;
  total: Money;
  currency: string;
  comment: string;
}

/** An order as its platform describes it, bound to its integration. */
export interface PlatformOrderFacts extends OrderContent {
  orderId: string;
  integrationId: string;
  externalId: string;
  storeName: string;
  platformUrl: string;
  platformStatus: string;
  createdAtPlatform: string;
  /** When the platform last changed the order: an older copy arriving late (a webhook redelivered out of order) is ignored. */
  platformUpdatedAt?: string;
  /** The local user responsible: the platform manager mapped by the integration, else its default user. */
  responsibleUser: string | null;
  /** The bank account or cash desk the order's documents name: the integration's when it was imported (absent before it was kept). */
  paymentAccount?: string | null;
  /** Optional parts the platform order came without (optionalParts.ts), as the feed names them; none noted when absent. */
  missing?: string[];
}

export type OrderImported = DomainEvent<'OrderImported', PlatformOrderFacts & { syncedAt: string }>;
export type OrderCreated = DomainEvent<'OrderCreated', OrderContent & { orderId: string; createdAt: string }>;
export type StatusChanged = DomainEvent<
  'StatusChanged',
  { from: string; to: string; source: 'local' | 'platform'; platformStatus?: string; at: string }
>;
export type OrderItemsChanged = DomainEvent<
  'OrderItemsChanged',
  { items: OrderItem[]; discounts: OrderDiscount[]; discountTotal: Money; total: Money; at: string }
>;
/** After the stock was written off, platform edits of quantities are refused; the refusal is kept, not dropped. */
export type QuantityChangeRefused = DomainEvent<
  'QuantityChangeRefused',
  {
    changes: { sku: string; name: string; from: number; to: number }[];
    /** The items as the platform now has them, kept so the same refusal is not recorded twice. */
    platformItems: OrderItem[];
    reason: string;
    at: string;
  }
>;
export type DeliveryChanged = DomainEvent<
  'DeliveryChanged',
  { previous: OrderDelivery | null; delivery: OrderDelivery | null; at: string }
>;
export type OrderSyncedFromPlatform = DomainEvent<'OrderSyncedFromPlatform', { platformStatus: string; syncedAt: string; platformUpdatedAt?: string }>;
export type WriteOffDone = DomainEvent<'WriteOffDone', { at: string }>;
/** The platform now has the local status: what the platform sends back with it is our own echo. */
export type StatusPushed = DomainEvent<'StatusPushed', { status: string; platformStatus: string; at: string }>;
/** A push that failed; retried with growing pauses until it succeeds or an operator gives it up. */
export type StatusPushFailed = DomainEvent<
  'StatusPushFailed',
  { status: string; error: string; attempts: number; nextAttemptAt: string; at: string }
>;
export type StatusPushAbandoned = DomainEvent<'StatusPushAbandoned', { status: string; reason: string; at: string }>;
/** After invoicing, a platform update may not move the order back; the refusal is kept for the feed. */
export type StatusRegressionRefused = DomainEvent<
  'StatusRegressionRefused',
  { from: string; to: string; platformStatus: string; reason: string; at: string }
>;
/** The integration's return status is to be written to the platform: the receipt of a captured order, acknowledged there. */
export type CaptureAcknowledgementQueued = DomainEvent<'CaptureAcknowledgementQueued', { platformStatus: string; at: string }>;
export type OrderRefreshRequested = DomainEvent<'OrderRefreshRequested', { at: string }>;

/** Dispatched locally with this tracking code: waiting to be sent to the store. */
export type ShipmentRecorded = DomainEvent<'ShipmentRecorded', { trackingCode: string; shippedOn: string; at: string }>;
/** The store now shows this tracking code and dispatch day. */
export type DeliveryInfoSent = DomainEvent<'DeliveryInfoSent', { trackingCode: string; shippedOn: string; at: string }>;
/** The platform's carrier data says the parcel was delivered on this day. */
export type DeliveryConfirmed = DomainEvent<'DeliveryConfirmed', { trackingCode: string; deliveredOn: string; at: string }>;

/** The pending-payment automation stopped checking this order: it stayed unpaid too long. */
export type PaymentCheckAbandoned = DomainEvent<'PaymentCheckAbandoned', { reason: string; at: string }>;

export type OrderEvent =
  | OrderImported
  | OrderCreated
  | StatusChanged
  | OrderItemsChanged
  | QuantityChangeRefused
  | DeliveryChanged
  | OrderSyncedFromPlatform
  | WriteOffDone
  | OrderRefreshRequested
  | CaptureAcknowledgementQueued
  | StatusPushed
  | StatusPushFailed
  | StatusPushAbandoned
  | StatusRegressionRefused
  | PaymentCheckAbandoned
  | ShipmentRecorded
  | DeliveryInfoSent
  | DeliveryConfirmed;

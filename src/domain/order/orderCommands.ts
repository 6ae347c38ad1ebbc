import type { PlatformFailureKind } from '../platform/platformFailure.js';
import type { DomainCommand } from '../shared/decider.js';
import type { Money } from '../shared/money.js';
import type { OrderContent, PlatformOrderFacts } from './orderEvents.js';
import type { OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';
import type { RegressionGuard } from './regressionGuard.js';

/** What a platform says about an order now: imported when new, synchronised when known. */
export type ReceivePlatformOrder = DomainCommand<
  'ReceivePlatformOrder',
  PlatformOrderFacts & { at: string; regressionGuard?: RegressionGuard; /** Written back to the platform once a new order is captured. */ returnStatus?: string | null }
>;
export type RecordStatusPush = DomainCommand<'RecordStatusPush', { platformStatus: string; at: string }>;
/** `permanent`: the platform will refuse it every time (the domain's platformFailureKind); absent means transient. */
export type RecordStatusPushFailure = DomainCommand<'RecordStatusPushFailure', { error: string; at: string; kind?: PlatformFailureKind }>;
export type AbandonStatusPush = DomainCommand<'AbandonStatusPush', { reason: string; at: string }>;
export type CreateOrder = DomainCommand<'CreateOrder', OrderContent & { orderId: string; at: string }>;
export type ChangeStatus = DomainCommand<'ChangeStatus', { to: string; at: string }>;
export type WriteOff = DomainCommand<'WriteOff', { at: string }>;
export type RequestRefresh = DomainCommand<'RequestRefresh', { at: string }>;

export type AbandonPaymentCheck = DomainCommand<'AbandonPaymentCheck', { reason: string; at: string }>;
export type RecordShipment = DomainCommand<'RecordShipment', { trackingCode: string; shippedOn: string; at: string }>;
export type RecordDeliveryInfoSent = DomainCommand<'RecordDeliveryInfoSent', { trackingCode: string; shippedOn: string; at: string }>;
export type ConfirmDelivery = DomainCommand<'ConfirmDelivery', { deliveredOn: string; at: string }>;

export type OrderCommand =
  | ReceivePlatformOrder
  | CreateOrder
  | ChangeStatus
  | WriteOff
  | RequestRefresh
  | RecordStatusPush
  | RecordStatusPushFailure
  | AbandonStatusPush
  | AbandonPaymentCheck
  | RecordShipment
  | RecordDeliveryInfoSent
  | ConfirmDelivery;

export interface PlatformChanges {
  platformUpdatedAt?: string;
  status: string;
  platformStatus: string;
  items: OrderItem[];
  discounts: OrderDiscount[];
  discountTotal: Money;
  total: Money;
  delivery: OrderDelivery | null;
}

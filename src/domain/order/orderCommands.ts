import type { DomainCommand } from '../shared/decider.js';
import type { Money } from '../shared/money.js';
import type { OrderContent, PlatformOrderFacts } from './orderEvents.js';
import type { OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';

/** What a platform says about an order now: imported when new, synchronised when known. */
export type ReceivePlatformOrder = DomainCommand<'ReceivePlatformOrder', PlatformOrderFacts & { at: string }>;
export type CreateOrder = DomainCommand<'CreateOrder', OrderContent & { orderId: string; at: string }>;
export type ChangeStatus = DomainCommand<'ChangeStatus', { to: string; at: string }>;
export type WriteOff = DomainCommand<'WriteOff', { at: string }>;
export type RequestRefresh = DomainCommand<'RequestRefresh', { at: string }>;

export type OrderCommand = ReceivePlatformOrder | CreateOrder | ChangeStatus | WriteOff | RequestRefresh;

export interface PlatformChanges {
  status: string;
  platformStatus: string;
  items: OrderItem[];
  discounts: OrderDiscount[];
  discountTotal: Money;
  total: Money;
  delivery: OrderDelivery | null;
}

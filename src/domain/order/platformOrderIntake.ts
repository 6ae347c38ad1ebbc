// What synchub tells an order about its platform order: the platform's facts, bound to the integration by its rules.
import type { IntegrationSettings } from '../integration/integrationSettings.js';
import type { ReceivePlatformOrder } from './orderCommands.js';
import { missingParts } from './optionalParts.js';
import type { OrderCustomer, OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';
import { responsibleUserFor } from './responsibleUser.js';
import { orderComment } from './sourceNumberComment.js';

/** A platform order as the domain reads it (the platform port's order has this shape and more). */
export interface IncomingPlatformOrder {
  externalId: string;
  number: string;
  /** Link to the order's page on the platform. */
  platformUrl: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
  /** The platform's status id, as the mapping table names it. */
  status: string;
  currency: string;
  /** The platform's manager id, mapped to a local user by the integration's settings. */
  managerId?: string;
  /** The number of the order in the shop behind the platform (e.g. a web shop behind a CRM). */
  sourceNumber?: string;
  discounts: OrderDiscount[];
  delivery?: OrderDelivery;
  /** Minor units, as the platform computed it. */
  total: number;
  comment?: string;
  /** Optional parts the adapter could not read and did without (e.g. a coupon without its amount), as a person names them. */
  missing?: string[];
}

export type IntakeSettings = Pick<
  IntegrationSettings,
  'storeName' | 'managerUsers' | 'responsibleUser' | 'sourceNumberInComment' | 'regressionGuard' | 'returnStatus' | 'paymentAccount'
>;

/** What the import found for the order: its local id, its customer, its lines and its local status. */
export interface IntakeFindings {
  orderId: string;
  integrationId: string;
  customer: OrderCustomer;
  items: OrderItem[];
  status: string;
  at: string;
}

/** The command that imports the platform order when it is new, and synchronises the local order when it is known. */
export function receivePlatformOrder(order: IncomingPlatformOrder, settings: IntakeSettings, found: IntakeFindings): ReceivePlatformOrder {
  const { orderId, integrationId, customer, items, status, at } = found;
  return {
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
      responsibleUser: responsibleUserFor(settings, order.managerId),
      paymentAccount: settings.paymentAccount,
      number: order.number,
      status,
      customer,
      items,
      discounts: order.discounts,
      discountTotal: order.discounts.reduce((sum, discount) => sum + discount.amount, 0),
      delivery: order.delivery ?? null,
      total: order.total,
      currency: order.currency,
      comment: orderComment(settings.sourceNumberInComment, order.sourceNumber, order.comment),
      missing: missingParts(order, customer),
      at,
      regressionGuard: settings.regressionGuard,
      returnStatus: settings.returnStatus,
    },
  };
}

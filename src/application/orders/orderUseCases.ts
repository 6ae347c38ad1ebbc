import { randomUUID } from 'node:crypto';
import { orderDecider, orderStream } from '../../domain/order/orderDecider.js';
import type { OrderDelivery, OrderDiscount, OrderItem } from '../../domain/order/orderParts.js';
import { contactStream } from '../../domain/contact/contactDecider.js';
import { normalisePhone } from '../../domain/contact/phone.js';
import { DomainError, InvalidValueError } from '../../domain/shared/errors.js';
import { handleCommand } from '../commands/commandHandler.js';
import { defaultCustomer, registerBuyer } from '../import/buyerRegistration.js';
import { ProductMatcher } from '../import/productMatching.js';
import type { EventStore } from '../ports/eventStore.js';
import type { ReadModels } from '../ports/readModels.js';

export class UnknownOrderError extends DomainError {
  constructor(orderId: string) {
    super('not-found', `No order ${orderId}`);
  }
}

export interface LocalOrderInput {
  number: string;
  status: string;
  customer: { contactId?: string; firstName: string; lastName: string; phone: string; email: string };
  items: { productId?: string; sku: string; name: string; quantity: number; price: number }[];
  discounts: OrderDiscount[];
  delivery: OrderDelivery | null;
  currency: string;
  comment: string;
}

/** The buyer of a local order: the contact named, or the one with the same phone, registered when new. */
async function localBuyer(store: EventStore, buyer: LocalOrderInput['customer'], at: string) {
  if (buyer.contactId) {
    if ((await store.readStream(contactStream(buyer.contactId))).length === 0) {
      throw new InvalidValueError('customer.contactId', `no contact ${buyer.contactId}`);
    }
    return defaultCustomer(store, buyer.contactId);
  }
  // Checked here so the error names the field the client sent, not the importer's.
  if (buyer.phone.trim()) normalisePhone(buyer.phone, 'customer.phone');
  if (!buyer.phone.trim() && !buyer.email.trim()) throw new InvalidValueError('customer', 'needs a phone or an e-mail, or a contactId');
  return registerBuyer(store, buyer, at);
}

/** An order taken locally: its buyer and products are found or registered the same way an import does it. */
export async function createLocalOrder(
  store: EventStore,
  readModels: ReadModels,
  input: LocalOrderInput,
  now = new Date(),
): Promise<{ orderId: string; position: number }> {
  const at = now.toISOString();
  checkedBeforeAnythingIsRegistered(input, at);
  const customer = await localBuyer(store, input.customer, at);
  const products = new ProductMatcher(store, readModels, { productMatch: ['sku', 'name'], servicesCategory: null });
  const items: OrderItem[] = [];
  for (const item of input.items) {
    const productId = item.productId ?? (await products.match({ sku: item.sku, name: item.name, quantity: item.quantity, price: item.price }, at)).productId;
    items.push({ productId, sku: item.sku, name: item.name, quantity: item.quantity, price: item.price, kind: 'product', deductible: true });
  }
  const discountTotal = input.discounts.reduce((sum, d) => sum + d.amount, 0);
  const itemsTotal = items.reduce((sum, i) => sum + Math.round(i.quantity * i.price), 0);
  const total = Math.max(0, itemsTotal + (input.delivery?.cost ?? 0) - discountTotal);
  const orderId = randomUUID();
  const result = await handleCommand(store, orderDecider, orderStream(orderId), {
    type: 'CreateOrder',
    data: { orderId, ...input, customer, items, discountTotal, total, at },
  });
  return { orderId, position: result.position! };
}

/**
 * The order as the domain will judge it, decided once on placeholders for the buyer and products not registered yet:
 * a refusal comes before a contact or product is written, so a 400 changes nothing.
 */
function checkedBeforeAnythingIsRegistered(input: LocalOrderInput, at: string): void {
  const items: OrderItem[] = input.items.map((item) => ({ ...item, productId: item.productId ?? 'not-yet-matched', kind: 'product', deductible: true }));
  orderDecider.decide(
    { type: 'CreateOrder', data: { orderId: 'not-yet-created', ...input, customer: { ...input.customer, contactId: input.customer.contactId ?? 'not-yet-registered' }, items, discountTotal: 0, total: 0, at } },
    orderDecider.initialState(),
  );
}

async function onExistingOrder(store: EventStore, orderId: string, command: Parameters<typeof orderDecider.decide>[0]) {
  const history = await store.readStream(orderStream(orderId));
  if (history.length === 0) throw new UnknownOrderError(orderId);
  const result = await handleCommand(store, orderDecider, orderStream(orderId), command, { history });
  return { position: result.position };
}

/** A local status change; pushing it to the platform is the status-sync automation's work. */
export function changeOrderStatus(store: EventStore, orderId: string, status: string, now = new Date()) {
  return onExistingOrder(store, orderId, { type: 'ChangeStatus', data: { to: status, at: now.toISOString() } });
}

/** An operator gives up a status push the platform keeps refusing (e.g. after setting it there by hand). */
export function abandonStatusPush(store: EventStore, orderId: string, reason: string, now = new Date()) {
  return onExistingOrder(store, orderId, { type: 'AbandonStatusPush', data: { reason, at: now.toISOString() } });
}

/** The order left with this tracking code; sending it to the store is the send-delivery-info automation's work. */
export function recordShipment(store: EventStore, orderId: string, shipment: { trackingCode: string; shippedOn: string }, now = new Date()) {
  return onExistingOrder(store, orderId, { type: 'RecordShipment', data: { ...shipment, at: now.toISOString() } });
}

export function writeOffOrder(store: EventStore, orderId: string, now = new Date()) {
  return onExistingOrder(store, orderId, { type: 'WriteOff', data: { at: now.toISOString() } });
}

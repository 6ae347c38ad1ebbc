// KeyCRM order JSON (OrderWithIncludes) → the port's PlatformOrder; anything unreadable becomes a malformed order
// with the offending field named, so one bad order never blocks the rest of its page.
import type {
  FetchedOrder,
  PlatformBuyer,
  PlatformDelivery,
  PlatformDiscount,
  PlatformOrder,
  PlatformOrderItem,
} from '../../../application/ports/platformClient.js';
import {
  isPresent,
  MalformedFieldError,
  MAX_COMMENT_LENGTH,
  optionalAmount,
  optionalId,
  optionalMoney,
  optionalObject,
  optionalText,
  requireAmount,
  requireArray,
  requireId,
  requireMoney,
  requireObject,
  requireText,
  type Json,
} from '../payload/payloadFields.js';
import { requireTime } from './keycrmTime.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';

export interface KeycrmMappingContext {
  /** Link to the order's page in the KeyCRM account. */
  orderUrl(orderId: string): string;
  /** KeyCRM orders carry no currency: it is the `currency_code` of the order's source. */
  currencyOfSource(sourceId: string | undefined): string | undefined;
}

export function mapKeycrmOrder(raw: unknown, context: KeycrmMappingContext): FetchedOrder {
  return fetchedOrderOf(raw, 'KeyCRM', (order, externalId) => readOrder(order, externalId, context));
}

function readOrder(order: Json, externalId: string, context: KeycrmMappingContext): PlatformOrder {
  const sourceId = optionalId(order.source_id, 'source_id');
  const currency = context.currencyOfSource(sourceId);
  if (currency === undefined) {
    throw new MalformedFieldError('currency', sourceId ? `is unknown: source ${sourceId} has no currency_code` : 'is unknown: the order has no source_id');
  }
  const items = requireArray(order.products ?? [], 'products').map((product, index) => readItem(product, `products[${index}]`, currency));
  const buyer = readBuyer(optionalObject(order.buyer, 'buyer'));
  const mapped: PlatformOrder = {
    externalId,
    number: externalId,
    platformUrl: context.orderUrl(externalId),
    createdAt: requireTime(order.created_at, 'created_at'),
    updatedAt: requireTime(order.updated_at, 'updated_at'),
    status: requireId(order.status_id, 'status_id'),
    currency,
    items,
    discounts: readDiscounts(order, items, currency),
    total: requireMoney(order.grand_total, 'grand_total', currency),
  };
  if (buyer) mapped.buyer = buyer;
  const managerId = optionalId(order.manager_id, 'manager_id');
  if (managerId) mapped.managerId = managerId;
  const sourceNumber = optionalText(order.source_uuid, 'source_uuid');
  if (sourceNumber) mapped.sourceNumber = sourceNumber;
  const delivery = readDelivery(order, buyer, currency);
  if (delivery) mapped.delivery = delivery;
  const comment = optionalText(order.buyer_comment, 'buyer_comment', MAX_COMMENT_LENGTH);
  if (comment) mapped.comment = comment;
  const payment = KEYCRM_PAYMENT_STATUS[String(order.payment_status)];
  if (payment) mapped.paymentStatus = payment;
  return mapped;
}

/** KeyCRM's payment statuses; an overpaid order is paid. */
const KEYCRM_PAYMENT_STATUS: Record<string, PlatformOrder['paymentStatus']> = {
  paid: 'paid',
  overpaid: 'paid',
  part_paid: 'partly_paid',
  not_paid: 'unpaid',
};

/** Buyer phone and e-mail are single strings on an order; the Buyer resource has lists, so take the first. */
function firstText(value: unknown, field: string): string {
  if (Array.isArray(value)) return value.length === 0 ? '' : (optionalText(value[0], `${field}[0]`) ?? '');
  return optionalText(value, field) ?? '';
}

function readBuyer(buyer: Json | undefined): PlatformBuyer | undefined {
  if (!buyer) return undefined;
  const fullName = (optionalText(buyer.full_name, 'buyer.full_name') ?? '').trim().split(/\s+/).filter(Boolean);
  const phone = firstText(buyer.phone, 'buyer.phone');
  const email = firstText(buyer.email, 'buyer.email');
  if (fullName.length === 0 && !phone && !email) return undefined;
  return { firstName: fullName[0] ?? '', lastName: fullName.slice(1).join(' '), phone, email };
}

function readProperties(value: unknown, field: string): Record<string, string> {
  const properties: Record<string, string> = {};
  if (!isPresent(value)) return properties;
  requireArray(value, field).forEach((entry, index) => {
    const property = requireObject(entry, `${field}[${index}]`);
    const name = optionalText(property.name, `${field}[${index}].name`);
    const propertyValue = optionalText(property.value, `${field}[${index}].value`);
    // The spec says a property without name and value is ignored by KeyCRM itself.
    if (name && propertyValue !== undefined) properties[name] = propertyValue;
  });
  return properties;
}

function readItem(raw: unknown, field: string, currency: string): PlatformOrderItem {
  const product = requireObject(raw, field);
  const name = requireText(product.name, `${field}.name`);
  const sku = optionalText(product.sku, `${field}.sku`) || undefined;
  const quantity = requireAmount(product.quantity, `${field}.quantity`);
  // price_sold is the unit price after the item's own discounts; price is the list price.
  const price = isPresent(product.price_sold) ? requireMoney(product.price_sold, `${field}.price_sold`, currency) : requireMoney(product.price, `${field}.price`, currency);
  const item: PlatformOrderItem = { name, quantity, price };
  const comment = optionalText(product.comment, `${field}.comment`, MAX_COMMENT_LENGTH);
  if (comment) item.description = comment;
  const offer = optionalObject(product.offer, `${field}.offer`);
  if (!offer) {
    if (sku) item.sku = sku;
    return item;
  }
  const productId = optionalId(offer.product_id, `${field}.offer.product_id`);
  if (productId) item.externalProductId = productId;
  const offerSku = optionalText(offer.sku, `${field}.offer.sku`) || undefined;
  const offerProperties = readProperties(offer.properties, `${field}.offer.properties`);
  // A variant has its own article (domain 004); an offer sharing the product's SKU is a plain product.
  if (offerSku && offerSku !== sku) {
    item.sku = offerSku;
    item.variant = { parentName: name, properties: offerProperties };
    if (sku) item.variant.parentSku = sku;
  } else if (sku ?? offerSku) {
    item.sku = sku ?? offerSku;
  }
  return item;
}

function readDiscounts(order: Json, items: PlatformOrderItem[], currency: string): PlatformDiscount[] {
  const label = optionalText(order.promocode, 'promocode');
  const named = (what: string) => (label ? `${what} (promo code ${label})` : what);
  const discounts: PlatformDiscount[] = [];
  const fixed = optionalMoney(order.discount_amount, 'discount_amount', currency);
  if (fixed) discounts.push({ name: named('Order discount'), amount: fixed });
  const percent = optionalAmount(order.discount_percent, 'discount_percent');
  if (percent !== undefined && percent > 100) throw new MalformedFieldError('discount_percent', `must be at most 100, got ${percent}`);
  if (percent) {
    const subtotal = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    discounts.push({ name: named(`Order discount ${percent}%`), amount: Math.round((subtotal * percent) / 100) });
  }
  // Only the list endpoint's total_discount is left when the order was not created with amount/percent fields.
  if (discounts.length === 0) {
    const total = optionalMoney(order.total_discount, 'total_discount', currency);
    if (total) discounts.push({ name: named('Order discount'), amount: total });
  }
  return discounts;
}

function deliveryMethod(shipping: Json): string {
  const service = optionalObject(shipping.delivery_service ?? shipping.deliveryService, 'shipping.delivery_service');
  const serviceName = service ? optionalText(service.name, 'shipping.delivery_service.name') : undefined;
  if (serviceName) return serviceName;
  const named = optionalText(shipping.shipping_service, 'shipping.shipping_service');
  if (named) return named;
  const serviceId = optionalId(shipping.delivery_service_id, 'shipping.delivery_service_id');
  return serviceId ? `KeyCRM delivery service ${serviceId}` : '';
}

function readDelivery(order: Json, buyer: PlatformBuyer | undefined, currency: string): PlatformDelivery | undefined {
  const shipping = optionalObject(order.shipping, 'shipping');
  const cost = optionalMoney(order.shipping_price, 'shipping_price', currency) ?? 0;
  if (!shipping && cost === 0) return undefined;
  const text = (key: string) => (shipping ? optionalText(shipping[key], `shipping.${key}`)?.trim() : undefined);
  const address = [
    text('shipping_receive_point'),
    text('shipping_secondary_line'),
    text('shipping_address_city'),
    text('shipping_address_region'),
    text('shipping_address_zip'),
    text('shipping_address_country'),
  ].filter((part): part is string => Boolean(part));
  const method = shipping ? deliveryMethod(shipping) : '';
  const recipient = text('recipient_full_name') || (buyer ? `${buyer.firstName} ${buyer.lastName}`.trim() : '');
  if (!method && address.length === 0 && !recipient && cost === 0) return undefined;
  return { method, cost, recipient, address: address.join(', ') };
}

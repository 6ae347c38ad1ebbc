// KeyCRM order JSON (OrderWithIncludes with buyer, products.offer, manager, shipping) → the port's PlatformOrder;
// anything unreadable becomes a malformed order with the offending field named, so one bad order never blocks the
// rest of its page. Only fields of the published spec are read (keycrmSpecFields.ts).
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
  optionalText,
  requireAmount,
  requireArray,
  requireId,
  requireMoney,
  requireText,
} from '../payload/payloadFields.js';
import { toMinorUnits } from '../../../domain/shared/currencyExponent.js';
import { requireTime } from './keycrmTime.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';
import { asKeycrm, keycrmObject, optionalKeycrmObject, type KeycrmJson } from './keycrmSpecFields.js';

export interface KeycrmMappingContext {
  /** Link to the order's page in the KeyCRM account. */
  orderUrl(orderId: string): string;
  /** KeyCRM orders carry no currency: it is the `currency_code` of the order's source. */
  currencyOfSource(sourceId: string | undefined): string | undefined;
  /** The name of a delivery service of the account (GET /order/delivery-service). */
  deliveryServiceName(serviceId: string): string | undefined;
}

export function mapKeycrmOrder(raw: unknown, context: KeycrmMappingContext): FetchedOrder {
  return fetchedOrderOf(raw, 'KeyCRM', (json, externalId) => readOrder(asKeycrm('order', json), externalId, context));
}

function readOrder(order: KeycrmJson<'order'>, externalId: string, context: KeycrmMappingContext): PlatformOrder {
  const sourceId = optionalId(order.source_id, 'source_id');
  const currency = context.currencyOfSource(sourceId);
  if (currency === undefined) {
    throw new MalformedFieldError('currency', sourceId ? `is unknown: source ${sourceId} has no currency_code` : 'is unknown: the order has no source_id');
  }
  const lines = requireArray(order.products ?? [], 'products').map((product, index) => readLine(product, `products[${index}]`, currency));
  const shipping = optionalKeycrmObject('shipping', order.shipping, 'shipping');
  const buyer = readBuyer(optionalKeycrmObject('buyer', order.buyer, 'buyer'), shipping);
  const mapped: PlatformOrder = {
    externalId,
    number: externalId,
    platformUrl: context.orderUrl(externalId),
    createdAt: requireTime(order.created_at, 'created_at'),
    updatedAt: requireTime(order.updated_at, 'updated_at'),
    status: requireId(order.status_id, 'status_id'),
    currency,
    items: lines.map((line) => line.item),
    discounts: readDiscounts(order, lines, currency),
    total: requireMoney(order.grand_total, 'grand_total', currency),
  };
  if (buyer) mapped.buyer = buyer;
  // The responsible manager comes with include=manager; the spec has no manager_id on a read order.
  const manager = optionalKeycrmObject('manager', order.manager, 'manager');
  const managerId = manager ? optionalId(manager.id, 'manager.id') : undefined;
  if (managerId) mapped.managerId = managerId;
  const sourceNumber = optionalText(order.source_uuid, 'source_uuid');
  if (sourceNumber) mapped.sourceNumber = sourceNumber;
  const delivery = readDelivery(order, shipping, buyer, context, currency);
  if (delivery) mapped.delivery = delivery;
  const comment = optionalText(order.buyer_comment, 'buyer_comment', MAX_COMMENT_LENGTH);
  if (comment) mapped.comment = comment;
  const payment = KEYCRM_PAYMENT_STATUS[String(order.payment_status)];
  if (payment) mapped.paymentStatus = payment;
  return mapped;
}

/** KeyCRM's payment statuses (the spec's enum); an overpaid order is paid. */
const KEYCRM_PAYMENT_STATUS: Record<string, PlatformOrder['paymentStatus']> = {
  paid: 'paid',
  overpaid: 'paid',
  part_paid: 'partly_paid',
  not_paid: 'unpaid',
};

/** The order's buyer (include=buyer: single strings); the shipping address's country code reads a national phone. */
function readBuyer(buyer: KeycrmJson<'buyer'> | undefined, shipping: KeycrmJson<'shipping'> | undefined): PlatformBuyer | undefined {
  if (!buyer) return undefined;
  const fullName = (optionalText(buyer.full_name, 'buyer.full_name') ?? '').trim().split(/\s+/).filter(Boolean);
  const phone = optionalText(buyer.phone, 'buyer.phone')?.trim() ?? '';
  const email = optionalText(buyer.email, 'buyer.email')?.trim() ?? '';
  if (fullName.length === 0 && !phone && !email) return undefined;
  const read: PlatformBuyer = { firstName: fullName[0] ?? '', lastName: fullName.slice(1).join(' '), phone, email };
  const country = shipping ? optionalText(shipping.shipping_address_country_code, 'shipping.shipping_address_country_code')?.trim().toUpperCase() : undefined;
  if (country && /^[A-Z]{2}$/.test(country)) read.country = country;
  return read;
}

function readProperties(value: unknown, field: string): Record<string, string> {
  const properties: Record<string, string> = {};
  if (!isPresent(value)) return properties;
  requireArray(value, field).forEach((entry, index) => {
    const property = keycrmObject('property', entry, `${field}[${index}]`);
    const name = optionalText(property.name, `${field}[${index}].name`);
    const propertyValue = optionalText(property.value, `${field}[${index}].value`);
    // The spec says a property without name and value is ignored by KeyCRM itself.
    if (name && propertyValue !== undefined) properties[name] = propertyValue;
  });
  return properties;
}

interface OrderLine {
  item: PlatformOrderItem;
  /** The line's own discount, minor units: already inside its sold price. */
  discount: number;
}

function readLine(raw: unknown, field: string, currency: string): OrderLine {
  const product = keycrmObject('orderProduct', raw, field);
  const name = requireText(product.name, `${field}.name`);
  const sku = optionalText(product.sku, `${field}.sku`) || undefined;
  const quantity = requireAmount(product.quantity, `${field}.quantity`);
  // price_sold is the unit price after the item's own discounts; price is the list price.
  const price = isPresent(product.price_sold) ? requireMoney(product.price_sold, `${field}.price_sold`, currency) : requireMoney(product.price, `${field}.price`, currency);
  const item: PlatformOrderItem = { name, quantity, price };
  const comment = optionalText(product.comment, `${field}.comment`, MAX_COMMENT_LENGTH);
  if (comment) item.description = comment;
  const discount = lineDiscount(product, quantity, field, currency);
  const offer = optionalKeycrmObject('offerOfProduct', product.offer, `${field}.offer`);
  if (!offer) {
    if (sku) item.sku = sku;
    return { item, discount };
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
  return { item, discount };
}

/** A line's discount: its total_discount ("сумарна знижка на товар"), else its fixed discount per unit, else its percent of the list price. */
function lineDiscount(product: KeycrmJson<'orderProduct'>, quantity: number, field: string, currency: string): number {
  const total = optionalMoney(product.total_discount, `${field}.total_discount`, currency);
  if (total !== undefined) return total;
  const fixed = optionalMoney(product.discount_amount, `${field}.discount_amount`, currency);
  if (fixed !== undefined) return Math.round(fixed * quantity);
  const percent = optionalAmount(product.discount_percent, `${field}.discount_percent`);
  if (percent === undefined) return 0;
  if (percent > 100) throw new MalformedFieldError(`${field}.discount_percent`, `must be at most 100, got ${percent}`);
  const listPrice = optionalAmount(product.price, `${field}.price`) ?? 0;
  return Math.round((toMinorUnits(listPrice, currency) * quantity * percent) / 100);
}

/**
 * Discounts as a read order has them: per product, and `total_discount` for the whole order. Each line's discount is
 * named after its product; what the order's total holds beyond them is the order's own discount.
 */
function readDiscounts(order: KeycrmJson<'order'>, lines: OrderLine[], currency: string): PlatformDiscount[] {
  const label = optionalText(order.promocode, 'promocode');
  const named = (what: string) => (label ? `${what} (promo code ${label})` : what);
  const discounts: PlatformDiscount[] = lines.filter((line) => line.discount > 0).map((line) => ({ name: `Discount on ${line.item.name}`, amount: line.discount }));
  const total = optionalMoney(order.total_discount, 'total_discount', currency) ?? 0;
  const onLines = discounts.reduce((sum, discount) => sum + discount.amount, 0);
  if (total > onLines) discounts.push({ name: named('Order discount'), amount: total - onLines });
  return discounts;
}

/** The delivery service by its id, named from the account's list; without one the order has no method, never a guess. */
function deliveryMethod(shipping: KeycrmJson<'shipping'>, context: KeycrmMappingContext): string {
  const serviceId = optionalId(shipping.delivery_service_id, 'shipping.delivery_service_id');
  return serviceId ? (context.deliveryServiceName(serviceId) ?? '') : '';
}

function readDelivery(
  order: KeycrmJson<'order'>,
  shipping: KeycrmJson<'shipping'> | undefined,
  buyer: PlatformBuyer | undefined,
  context: KeycrmMappingContext,
  currency: string,
): PlatformDelivery | undefined {
  const cost = optionalMoney(order.shipping_price, 'shipping_price', currency) ?? 0;
  if (!shipping && cost === 0) return undefined;
  const text = (key: keyof KeycrmJson<'shipping'>) => (shipping ? optionalText(shipping[key], `shipping.${key}`)?.trim() : undefined);
  const address = [
    text('shipping_receive_point'),
    text('shipping_secondary_line'),
    text('shipping_address_city'),
    text('shipping_address_region'),
    text('shipping_address_zip'),
    text('shipping_address_country'),
  ].filter((part): part is string => Boolean(part));
  const method = shipping ? deliveryMethod(shipping, context) : '';
  const recipient = text('recipient_full_name') || (buyer ? `${buyer.firstName} ${buyer.lastName}`.trim() : '');
  if (!method && address.length === 0 && !recipient && cost === 0) return undefined;
  return { method, cost, recipient, address: address.join(', ') };
}


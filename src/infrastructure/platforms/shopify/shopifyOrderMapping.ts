// Shopify order JSON (REST Admin API, also the body of orders/* webhooks) → the port's PlatformOrder; anything
// unreadable becomes a malformed order with the offending field named, so one bad order never blocks its page.
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
  optionalDecimalMoney,
  optionalId,
  optionalObject,
  optionalText,
  requireAmount,
  requireArray,
  requireDecimalMoney,
  requireIsoTime,
  requireObject,
  requireText,
  type Json,
} from '../payload/payloadFields.js';
import { shopifyPaymentStatusOf, shopifyStatusOf } from './shopifyStatus.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';

export interface ShopifyMappingContext {
  /** Link to the order's page in the shop's admin. */
  orderUrl(orderId: string): string;
}

export function mapShopifyOrder(raw: unknown, context: ShopifyMappingContext): FetchedOrder {
  return fetchedOrderOf(raw, 'Shopify', (order, externalId) => readOrder(order, externalId, context));
}

function readOrder(order: Json, externalId: string, context: ShopifyMappingContext): PlatformOrder {
  const currency = requireText(order.currency, 'currency').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new MalformedFieldError('currency', `must be a three-letter ISO 4217 code, got ${JSON.stringify(currency.slice(0, 40))}`);
  const buyer = readBuyer(order);
  const mapped: PlatformOrder = {
    externalId,
    number: requireText(order.name, 'name'),
    platformUrl: context.orderUrl(externalId),
    createdAt: requireIsoTime(order.created_at, 'created_at'),
    updatedAt: requireIsoTime(order.updated_at, 'updated_at'),
    status: shopifyStatusOf(order),
    currency,
    items: requireArray(order.line_items, 'line_items').map((line, index) => readItem(line, `line_items[${index}]`, currency)),
    discounts: readDiscounts(order, currency),
    total: requireDecimalMoney(order.total_price, 'total_price', currency),
  };
  if (buyer) mapped.buyer = buyer;
  const delivery = readDelivery(order, buyer, currency);
  if (delivery) mapped.delivery = delivery;
  const comment = optionalText(order.note, 'note', MAX_COMMENT_LENGTH)?.trim();
  if (comment) mapped.comment = comment;
  const payment = shopifyPaymentStatusOf(order);
  if (payment) mapped.paymentStatus = payment;
  return mapped;
}

/** The customer record first, then the billing address, then the order's own contact fields. */
function readBuyer(order: Json): PlatformBuyer | undefined {
  const customer = optionalObject(order.customer, 'customer');
  const billing = optionalObject(order.billing_address, 'billing_address');
  const pick = (...sources: Array<[Json | undefined, string, string]>): string => {
    for (const [source, key, path] of sources) {
      const value = source ? optionalText(source[key], path)?.trim() : undefined;
      if (value) return value;
    }
    return '';
  };
  const buyer: PlatformBuyer = {
    firstName: pick([customer, 'first_name', 'customer.first_name'], [billing, 'first_name', 'billing_address.first_name']),
    lastName: pick([customer, 'last_name', 'customer.last_name'], [billing, 'last_name', 'billing_address.last_name']),
    phone: pick([customer, 'phone', 'customer.phone'], [billing, 'phone', 'billing_address.phone'], [order, 'phone', 'phone']),
    email: pick([customer, 'email', 'customer.email'], [order, 'email', 'email'], [order, 'contact_email', 'contact_email']),
  };
  return buyer.firstName || buyer.lastName || buyer.phone || buyer.email ? buyer : undefined;
}

function readItem(raw: unknown, field: string, currency: string): PlatformOrderItem {
  const line = requireObject(raw, field);
  const name = (optionalText(line.title, `${field}.title`) || undefined) ?? requireText(line.name, `${field}.name`);
  const quantity = requireAmount(line.quantity, `${field}.quantity`);
  if (!Number.isInteger(quantity) || quantity === 0) throw new MalformedFieldError(`${field}.quantity`, `must be a whole number of at least 1, got ${quantity}`);
  const listPrice = requireDecimalMoney(line.price, `${field}.price`, currency);
  // total_discount is the line's own discount for all its units; order-level codes are in discount_codes.
  const lineDiscount = optionalDecimalMoney(line.total_discount, `${field}.total_discount`, currency) ?? 0;
  if (lineDiscount > listPrice * quantity) throw new MalformedFieldError(`${field}.total_discount`, `is more than the line is worth (${lineDiscount} > ${listPrice * quantity} minor units)`);
  const item: PlatformOrderItem = { name, quantity, price: Math.round((listPrice * quantity - lineDiscount) / quantity) };
  const sku = optionalText(line.sku, `${field}.sku`)?.trim();
  if (sku) item.sku = sku;
  const productId = optionalId(line.product_id, `${field}.product_id`);
  if (productId) item.externalProductId = productId;
  const variantTitle = optionalText(line.variant_title, `${field}.variant_title`)?.trim();
  // "Default Title" is Shopify's name for the only variant of a product without options.
  if (variantTitle && variantTitle !== 'Default Title') {
    // A variant with its own SKU is one SKU variant of its product (004); without one it stays a plain product.
    if (sku) item.variant = { parentName: name, properties: variantProperties(variantTitle) };
    else item.description = variantTitle;
  }
  return item;
}

/** "M / Black" → {option1: "M", option2: "Black"}: an order line names option values, not the options. */
function variantProperties(title: string): Record<string, string> {
  const properties: Record<string, string> = {};
  title
    .split(' / ')
    .map((value) => value.trim())
    .filter(Boolean)
    .forEach((value, index) => (properties[`option${index + 1}`] = value));
  return properties;
}

function readDiscounts(order: Json, currency: string): PlatformDiscount[] {
  if (!isPresent(order.discount_codes)) return [];
  return requireArray(order.discount_codes, 'discount_codes').flatMap((raw, index) => {
    const field = `discount_codes[${index}]`;
    const discount = requireObject(raw, field);
    const code = optionalText(discount.code, `${field}.code`)?.trim();
    const amount = requireDecimalMoney(discount.amount, `${field}.amount`, currency);
    return amount > 0 ? [{ name: code ? `Discount code ${code}` : 'Discount', amount }] : [];
  });
}

function readDelivery(order: Json, buyer: PlatformBuyer | undefined, currency: string): PlatformDelivery | undefined {
  const lines = isPresent(order.shipping_lines) ? requireArray(order.shipping_lines, 'shipping_lines') : [];
  const methods: string[] = [];
  let cost = 0;
  lines.forEach((raw, index) => {
    const line = requireObject(raw, `shipping_lines[${index}]`);
    const title = optionalText(line.title, `shipping_lines[${index}].title`)?.trim();
    if (title) methods.push(title);
    cost += requireDecimalMoney(line.price, `shipping_lines[${index}].price`, currency);
  });
  const shipping = optionalObject(order.shipping_address, 'shipping_address');
  if (lines.length === 0 && !shipping) return undefined;
  const text = (key: string) => (shipping ? optionalText(shipping[key], `shipping_address.${key}`)?.trim() : undefined);
  const address = [text('address1'), text('address2'), text('city'), text('province'), text('zip'), text('country')].filter(
    (part): part is string => Boolean(part),
  );
  const recipient =
    text('name') || [text('first_name'), text('last_name')].filter(Boolean).join(' ') || (buyer ? `${buyer.firstName} ${buyer.lastName}`.trim() : '');
  return { method: methods.join(', '), cost, recipient, address: address.join(', ') };
}

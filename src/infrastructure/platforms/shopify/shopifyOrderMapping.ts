// A Shopify order as webhooks deliver it (orders/create, orders/updated…: the JSON of the REST Order resource, whatever
// API the app uses) → the port's PlatformOrder; anything unreadable becomes a malformed order with the field named.
import type { FetchedOrder, PlatformDiscount, PlatformOrder, PlatformOrderItem } from '../../../application/ports/platformClient.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';
import {
  isPresent,
  MalformedFieldError,
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
import { buyerOf, deliveryOf, itemOf, requireCurrency, shippingOf, withOptionalParts } from './shopifyOrderParts.js';
import { derivedStatus, paymentStatusOf, webhookStatusFacts } from './shopifyStatus.js';

export interface ShopifyMappingContext {
  /** Link to the order's page in the shop's admin. */
  orderUrl(orderId: string): string;
}

export function mapShopifyOrder(raw: unknown, context: ShopifyMappingContext): FetchedOrder {
  return fetchedOrderOf(raw, 'Shopify', (order, externalId) => readOrder(order, externalId, context));
}

function readOrder(order: Json, externalId: string, context: ShopifyMappingContext): PlatformOrder {
  const currency = requireCurrency(order.currency, 'currency');
  const customer = optionalObject(order.customer, 'customer');
  const billing = optionalObject(order.billing_address, 'billing_address');
  // The customer record first, then the billing address, then the order's own contact fields.
  const buyer = buyerOf({
    firstName: [[customer, 'first_name', 'customer.first_name'], [billing, 'first_name', 'billing_address.first_name']],
    lastName: [[customer, 'last_name', 'customer.last_name'], [billing, 'last_name', 'billing_address.last_name']],
    phone: [[customer, 'phone', 'customer.phone'], [billing, 'phone', 'billing_address.phone'], [order, 'phone', 'phone']],
    email: [[customer, 'email', 'customer.email'], [order, 'email', 'email'], [order, 'contact_email', 'contact_email']],
    country: [[billing, 'country_code', 'billing_address.country_code'], [optionalObject(order.shipping_address, 'shipping_address'), 'country_code', 'shipping_address.country_code']],
  });
  const facts = webhookStatusFacts(order);
  const mapped: PlatformOrder = {
    externalId,
    number: requireText(order.name, 'name'),
    platformUrl: context.orderUrl(externalId),
    createdAt: requireIsoTime(order.created_at, 'created_at'),
    updatedAt: requireIsoTime(order.updated_at, 'updated_at'),
    status: derivedStatus(facts),
    currency,
    items: requireArray(order.line_items, 'line_items').map((line, index) => readItem(line, `line_items[${index}]`, currency)),
    discounts: readDiscounts(order, currency),
    total: requireDecimalMoney(order.total_price, 'total_price', currency),
  };
  return withOptionalParts(mapped, { buyer, delivery: readDelivery(order, currency, buyer), note: order.note, paymentStatus: paymentStatusOf(facts) });
}

function readItem(raw: unknown, field: string, currency: string): PlatformOrderItem {
  const line = requireObject(raw, field);
  const name = (optionalText(line.title, `${field}.title`) || undefined) ?? requireText(line.name, `${field}.name`);
  const quantity = requireAmount(line.quantity, `${field}.quantity`);
  const listPrice = requireDecimalMoney(line.price, `${field}.price`, currency);
  // total_discount is the line's own discount for all its units; order-level codes are in discount_codes.
  const lineDiscount = optionalDecimalMoney(line.total_discount, `${field}.total_discount`, currency) ?? 0;
  if (lineDiscount > listPrice * quantity) throw new MalformedFieldError(`${field}.total_discount`, `is more than the line is worth (${lineDiscount} > ${listPrice * quantity} minor units)`);
  const properties = isPresent(line.properties) ? requireArray(line.properties, `${field}.properties`) : [];
  return itemOf(
    {
      name,
      quantity,
      total: listPrice * quantity - lineDiscount,
      sku: optionalText(line.sku, `${field}.sku`)?.trim(),
      productId: optionalId(line.product_id, `${field}.product_id`),
      variantTitle: optionalText(line.variant_title, `${field}.variant_title`)?.trim(),
      attributes: properties.map((entry, index) => {
        const property = requireObject(entry, `${field}.properties[${index}]`);
        return [optionalText(property.name, `${field}.properties[${index}].name`) ?? '', optionalText(property.value, `${field}.properties[${index}].value`)?.trim() ?? ''];
      }),
    },
    field,
  );
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

function readDelivery(order: Json, currency: string, buyer: PlatformOrder['buyer']) {
  const lines = isPresent(order.shipping_lines) ? requireArray(order.shipping_lines, 'shipping_lines') : [];
  return deliveryOf(
    {
      ...shippingOf(lines, 'shipping_lines', 'title', (line, field) => requireDecimalMoney(line.price, `${field}.price`, currency)),
      address: optionalObject(order.shipping_address, 'shipping_address'),
      addressField: 'shipping_address',
      keys: { name: 'name', firstName: 'first_name', lastName: 'last_name', lines: ['address1', 'address2', 'city', 'province', 'zip', 'country'] },
    },
    buyer,
  );
}

// A GraphQL Admin API Order node (the SynchubOrder fragment of shopifyDocuments.ts) → the port's PlatformOrder. The
// order keeps the numeric id of its gid, the id webhooks and the admin use, so an order found either way is one order.
// Anything unreadable becomes a malformed order naming the field, so one bad order never blocks its page.
import type { FetchedOrder, PlatformDiscount, PlatformOrder, PlatformOrderItem } from '../../../application/ports/platformClient.js';
import { fetchedOrderOf } from '../payload/fetchedOrder.js';
import {
  isPresent,
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
import { derivedStatus, nodeStatusFacts, paymentStatusOf } from './shopifyStatus.js';

export interface ShopifyNodeMappingContext {
  /** Link to the order's page in the shop's admin, by its numeric id. */
  orderUrl(orderId: string): string;
}

/** The number at the end of a gid (gid://shopify/Order/5500000123 → 5500000123); anything else is left for the mapping to refuse. */
export function numericIdOf(gid: unknown): unknown {
  const match = typeof gid === 'string' ? /^gid:\/\/shopify\/[A-Za-z]+\/(\d{1,16})$/.exec(gid) : null;
  return match ? Number(match[1]) : gid;
}

/** `lineItems` are the order's line item nodes, all of them (the caller fetched the pages beyond the first). */
export function mapShopifyOrderNode(raw: unknown, lineItems: unknown[] | undefined, context: ShopifyNodeMappingContext): FetchedOrder {
  const node = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Json), id: numericIdOf((raw as Json).id) } : raw;
  return fetchedOrderOf(node, 'Shopify', (order, externalId) => readOrder(order, externalId, lineItems, context));
}

function readOrder(order: Json, externalId: string, lineItems: unknown[] | undefined, context: ShopifyNodeMappingContext): PlatformOrder {
  const currency = requireCurrency(order.currencyCode, 'currencyCode');
  const customer = optionalObject(order.customer, 'customer');
  const billing = optionalObject(order.billingAddress, 'billingAddress');
  const customerEmail = customer ? optionalObject(customer.defaultEmailAddress, 'customer.defaultEmailAddress') : undefined;
  const customerPhone = customer ? optionalObject(customer.defaultPhoneNumber, 'customer.defaultPhoneNumber') : undefined;
  // The customer record first, then the billing address, then the order's own contact fields.
  const buyer = buyerOf({
    firstName: [[customer, 'firstName', 'customer.firstName'], [billing, 'firstName', 'billingAddress.firstName']],
    lastName: [[customer, 'lastName', 'customer.lastName'], [billing, 'lastName', 'billingAddress.lastName']],
    phone: [[customerPhone, 'phoneNumber', 'customer.defaultPhoneNumber.phoneNumber'], [billing, 'phone', 'billingAddress.phone'], [order, 'phone', 'phone']],
    email: [[customerEmail, 'emailAddress', 'customer.defaultEmailAddress.emailAddress'], [order, 'email', 'email']],
    country: [[billing, 'countryCodeV2', 'billingAddress.countryCodeV2'], [optionalObject(order.shippingAddress, 'shippingAddress'), 'countryCodeV2', 'shippingAddress.countryCodeV2']],
  });
  const facts = nodeStatusFacts(order);
  const lines = lineItems ?? requireArray(requireObject(order.lineItems, 'lineItems').nodes, 'lineItems.nodes');
  const mapped: PlatformOrder = {
    externalId,
    number: requireText(order.name, 'name'),
    platformUrl: context.orderUrl(externalId),
    createdAt: requireIsoTime(order.createdAt, 'createdAt'),
    updatedAt: requireIsoTime(order.updatedAt, 'updatedAt'),
    status: derivedStatus(facts),
    currency,
    items: lines.map((line, index) => readItem(line, `lineItems[${index}]`, currency)),
    discounts: readDiscounts(order, currency),
    total: shopMoney(order.totalPriceSet, 'totalPriceSet', currency),
  };
  return withOptionalParts(mapped, { buyer, delivery: readDelivery(order, currency, buyer), note: order.note, paymentStatus: paymentStatusOf(facts) });
}

/** A MoneyBag's amount in the shop's currency, as minor units. */
function shopMoney(bag: unknown, field: string, currency: string): number {
  return requireDecimalMoney(requireObject(requireObject(bag, field).shopMoney, `${field}.shopMoney`).amount, `${field}.shopMoney.amount`, currency);
}

function optionalShopMoney(bag: unknown, field: string, currency: string): number | undefined {
  const money = optionalObject(bag, field);
  return money ? optionalDecimalMoney(requireObject(money.shopMoney, `${field}.shopMoney`).amount, `${field}.shopMoney.amount`, currency) : undefined;
}

function readItem(raw: unknown, field: string, currency: string): PlatformOrderItem {
  const line = requireObject(raw, field);
  const product = optionalObject(line.product, `${field}.product`);
  const attributes = isPresent(line.customAttributes) ? requireArray(line.customAttributes, `${field}.customAttributes`) : [];
  return itemOf(
    {
      name: (optionalText(line.title, `${field}.title`)?.trim() || undefined) ?? requireText(line.name, `${field}.name`),
      quantity: requireAmount(line.quantity, `${field}.quantity`),
      // The line after its own discounts, before the order's (codes are the order's discounts below).
      total: shopMoney(line.discountedTotalSet, `${field}.discountedTotalSet`, currency),
      sku: optionalText(line.sku, `${field}.sku`)?.trim(),
      productId: product ? optionalId(numericIdOf(product.id), `${field}.product.id`) : undefined,
      variantTitle: optionalText(line.variantTitle, `${field}.variantTitle`)?.trim(),
      attributes: attributes.map((entry, index) => {
        const attribute = requireObject(entry, `${field}.customAttributes[${index}]`);
        return [requireText(attribute.key, `${field}.customAttributes[${index}].key`), optionalText(attribute.value, `${field}.customAttributes[${index}].value`)?.trim() ?? ''];
      }),
    },
    field,
  );
}

/** The order-level discount (codes and automatic ones), named after its codes. */
function readDiscounts(order: Json, currency: string): PlatformDiscount[] {
  const amount = optionalShopMoney(order.cartDiscountAmountSet, 'cartDiscountAmountSet', currency) ?? 0;
  if (amount <= 0) return [];
  const codes = (isPresent(order.discountCodes) ? requireArray(order.discountCodes, 'discountCodes') : [])
    .map((code, index) => optionalText(code, `discountCodes[${index}]`)?.trim())
    .filter((code): code is string => Boolean(code));
  return [{ name: codes.length ? `Discount code ${codes.join(', ')}` : 'Discount', amount }];
}

function readDelivery(order: Json, currency: string, buyer: PlatformOrder['buyer']) {
  const lines = isPresent(order.shippingLines) ? requireArray(requireObject(order.shippingLines, 'shippingLines').nodes, 'shippingLines.nodes') : [];
  return deliveryOf(
    {
      ...shippingOf(lines, 'shippingLines', 'title', (line, field) => shopMoney(line.originalPriceSet, `${field}.originalPriceSet`, currency)),
      address: optionalObject(order.shippingAddress, 'shippingAddress'),
      addressField: 'shippingAddress',
      keys: { name: 'name', firstName: 'firstName', lastName: 'lastName', lines: ['address1', 'address2', 'city', 'province', 'zip', 'country'] },
    },
    buyer,
  );
}

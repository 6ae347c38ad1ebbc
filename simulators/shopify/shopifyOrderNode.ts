// A stored order as the GraphQL Admin API's Order object: what the resolvers hand to graphql's execute. Fields the
// simulator does not model are absent, so a query selecting them gets null, or an error where the schema says non-null.
import { connectionOf, type ConnectionArgs } from './shopifyConnection.js';
import { gidOf } from './shopifyGid.js';
import { MARKABLE_AS_PAID, type RawShopifyOrder } from './shopifyOrderStore.js';
import { toMinorUnits } from '../../src/domain/shared/currencyExponent.js';
import { money } from './shopifyOrderRecord.js';

type Json = Record<string, unknown>;

const FULFILMENT: Record<string, string> = { fulfilled: 'FULFILLED', partial: 'PARTIALLY_FULFILLED', restocked: 'RESTOCKED' };

/** A time as GraphQL's DateTime (UTC, "Z"); text that is no zoned time passes through as stored, for the adapter to judge. */
export function dateTime(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value)) return value ?? null;
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

const text = (value: unknown): unknown => value ?? null;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** MoneyBag of an amount in the shop's currency (orders here are not multi-currency: presentment equals shop money). */
function moneyBag(amount: unknown, currency: unknown) {
  const moneyV2 = { amount, currencyCode: currency };
  return { shopMoney: moneyV2, presentmentMoney: moneyV2 };
}

function sumOf(amounts: unknown[], currency: string): string {
  return money(amounts.reduce<number>((sum, amount) => sum + toMinorUnits(Number(amount) || 0, currency), 0), currency);
}

function address(raw: unknown) {
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as Json;
  return {
    name: text(a.name),
    firstName: text(a.first_name),
    lastName: text(a.last_name),
    company: text(a.company),
    address1: text(a.address1),
    address2: text(a.address2),
    city: text(a.city),
    province: text(a.province),
    provinceCode: text(a.province_code),
    zip: text(a.zip),
    country: text(a.country),
    countryCodeV2: text(a.country_code),
    phone: text(a.phone),
  };
}

function customer(raw: unknown) {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Json;
  return {
    id: gidOf('Customer', String(c.id)),
    firstName: text(c.first_name),
    lastName: text(c.last_name),
    displayName: [c.first_name, c.last_name].filter(Boolean).join(' ') || text(c.email),
    defaultEmailAddress: c.email ? { emailAddress: c.email, validFormat: true } : null,
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone } : null,
  };
}

function lineItem(raw: Json, currency: unknown) {
  const quantity = raw.quantity;
  const discount = raw.total_discount ?? '0.00';
  const code = typeof currency === 'string' ? currency : 'XXX';
  const original = Number(raw.price) * (typeof quantity === 'number' ? quantity : 0);
  const discountedTotal = Number.isFinite(original) ? money(toMinorUnits(original, code) - toMinorUnits(Number(discount) || 0, code), code) : raw.price;
  return {
    id: gidOf('LineItem', String(raw.id)),
    title: text(raw.title),
    name: text(raw.name),
    quantity,
    currentQuantity: quantity,
    sku: text(raw.sku),
    variantTitle: text(raw.variant_title),
    vendor: text(raw.vendor),
    requiresShipping: raw.requires_shipping ?? true,
    taxable: raw.taxable ?? true,
    product: raw.product_id ? { id: gidOf('Product', String(raw.product_id)) } : null,
    variant: raw.variant_id ? { id: gidOf('ProductVariant', String(raw.variant_id)), sku: text(raw.sku), title: text(raw.variant_title) } : null,
    originalUnitPriceSet: moneyBag(raw.price, currency),
    totalDiscountSet: moneyBag(discount, currency),
    discountedTotalSet: moneyBag(discountedTotal, currency),
    customAttributes: list(raw.properties).map((property) => ({ key: property.name, value: text(property.value) })),
  };
}

function shippingLine(raw: Json, currency: unknown) {
  return {
    id: gidOf('ShippingLine', String(raw.id)),
    title: text(raw.title),
    code: text(raw.code),
    source: text(raw.source),
    originalPriceSet: moneyBag(raw.price, currency),
    discountedPriceSet: moneyBag(raw.discounted_price ?? raw.price, currency),
  };
}

/** One fulfillment order per order, numbered from the order's id; open while something is left to fulfil. */
export function fulfillmentOrderIdOf(orderId: number): number {
  return orderId * 10 + 1;
}

function fulfillmentOrder(order: RawShopifyOrder) {
  const open = !order.cancelled_at && !order.closed_at && order.fulfillment_status !== 'fulfilled';
  return {
    id: gidOf('FulfillmentOrder', fulfillmentOrderIdOf(order.id as number)),
    status: open ? 'OPEN' : 'CLOSED',
    requestStatus: 'UNSUBMITTED',
    supportedActions: (open ? ['CREATE_FULFILLMENT', 'HOLD', 'MOVE'] : []).map((action) => ({ action })),
  };
}

export function orderNode(order: RawShopifyOrder) {
  const currency = order.currency;
  const code = typeof currency === 'string' ? currency : 'XXX';
  const financial = typeof order.financial_status === 'string' ? order.financial_status.toUpperCase() : null;
  const lines = list(order.line_items);
  const shipping = list(order.shipping_lines);
  const codes = list(order.discount_codes);
  return {
    id: gidOf('Order', String(order.id)),
    legacyResourceId: String(order.id),
    name: text(order.name),
    number: order.order_number ?? null,
    createdAt: dateTime(order.created_at),
    updatedAt: dateTime(order.updated_at),
    processedAt: dateTime(order.processed_at ?? order.created_at),
    cancelledAt: dateTime(order.cancelled_at),
    cancelReason: typeof order.cancel_reason === 'string' ? order.cancel_reason.toUpperCase() : null,
    closedAt: dateTime(order.closed_at),
    closed: Boolean(order.closed_at),
    currencyCode: currency,
    presentmentCurrencyCode: order.presentment_currency ?? currency,
    email: text(order.email ?? order.contact_email),
    phone: text(order.phone),
    note: text(order.note),
    tags: typeof order.tags === 'string' && order.tags ? order.tags.split(',').map((tag) => tag.trim()) : [],
    test: Boolean(order.test),
    sourceName: text(order.source_name),
    // A financial status the enum lacks cannot be serialized: graphql answers the field null with an error, as Shopify would.
    displayFinancialStatus: financial,
    displayFulfillmentStatus: FULFILMENT[String(order.fulfillment_status)] ?? 'UNFULFILLED',
    canMarkAsPaid: MARKABLE_AS_PAID.has(order.financial_status) && !order.cancelled_at,
    totalPriceSet: moneyBag(order.total_price, currency),
    subtotalPriceSet: moneyBag(order.subtotal_price ?? null, currency),
    totalDiscountsSet: moneyBag(order.total_discounts ?? null, currency),
    totalTaxSet: moneyBag(order.total_tax ?? null, currency),
    cartDiscountAmountSet: codes.length > 0 ? moneyBag(sumOf(codes.map((entry) => entry.amount), code), currency) : null,
    totalShippingPriceSet: moneyBag(sumOf(shipping.map((line) => line.price), code), currency),
    discountCodes: codes.map((entry) => entry.code),
    discountCode: codes[0]?.code ?? null,
    customer: customer(order.customer),
    billingAddress: address(order.billing_address),
    shippingAddress: address(order.shipping_address),
    shippingLine: shipping[0] ? shippingLine(shipping[0], currency) : null,
    lineItems: (args: ConnectionArgs) => connectionOf(lines.map((line) => lineItem(line, currency)), args, (line) => Number(line.id.split('/').pop())),
    shippingLines: (args: ConnectionArgs) => connectionOf(shipping.map((line) => shippingLine(line, currency)), args, (line) => Number(line.id.split('/').pop())),
    fulfillmentOrders: (args: ConnectionArgs) => connectionOf([fulfillmentOrder(order)], args, () => fulfillmentOrderIdOf(order.id as number)),
  };
}

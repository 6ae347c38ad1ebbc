// The simulator's order record: Shopify's order in the JSON shape of its webhooks (the REST Order resource), with money as
// decimal strings and times in the shop's time zone. GraphQL answers are read from it (shopifyOrderNode.ts).
import { currencyExponent, toMajorUnits, toMinorUnits } from '../../src/domain/shared/currencyExponent.js';

export interface ShopifyAddressRecord {
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  zip: string | null;
  country: string | null;
  country_code: string | null;
  phone: string | null;
}

export interface ShopifyCustomerRecord {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  verified_email: boolean;
  tags: string;
  currency: string;
}

export interface ShopifyLineItemRecord {
  id: number;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  variant_title: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  price: string;
  total_discount: string;
  fulfillable_quantity: number;
  fulfillment_status: 'fulfilled' | 'partial' | null;
  requires_shipping: boolean;
  taxable: boolean;
  grams: number;
  properties: { name: string; value: string }[];
}

export interface ShopifyShippingLineRecord {
  id: number;
  title: string;
  code: string;
  price: string;
  discounted_price: string;
  source: string;
}

export interface ShopifyDiscountCodeRecord {
  code: string;
  amount: string;
  type: 'fixed_amount' | 'percentage' | 'shipping';
}

export interface ShopifyOrderRecord {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  email: string | null;
  contact_email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  closed_at: string | null;
  currency: string;
  presentment_currency: string;
  financial_status: string | null;
  fulfillment_status: 'fulfilled' | 'partial' | null;
  subtotal_price: string;
  total_line_items_price: string;
  total_discounts: string;
  total_tax: string;
  total_price: string;
  note: string | null;
  tags: string;
  source_name: string;
  test: boolean;
  customer: ShopifyCustomerRecord | null;
  billing_address: ShopifyAddressRecord | null;
  shipping_address: ShopifyAddressRecord | null;
  line_items: ShopifyLineItemRecord[];
  shipping_lines: ShopifyShippingLineRecord[];
  discount_codes: ShopifyDiscountCodeRecord[];
  fulfillments: { id: number; status: string; created_at: string }[];
}

/** A time as Shopify writes it: seconds, with the shop's UTC offset (e.g. 2024-05-01T12:00:00+02:00). */
export function shopifyTime(date: Date, offsetMinutes = 0): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The offset of a Shopify time, in minutes, so changed orders keep their shop's zone. */
export function offsetOf(time: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(time);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Minor units as Shopify writes an amount: decimal text with the currency's own decimals ("19.99", JPY "1500"). */
export const money = (minor: number, currency: string): string => toMajorUnits(minor, currency).toFixed(currencyExponent(currency));
const minor = (text: string, currency: string): number => toMinorUnits(Number(text), currency);

/** Recomputes the order's totals from its lines, codes and shipping, as Shopify does. */
export function withTotals(order: ShopifyOrderRecord): ShopifyOrderRecord {
  const { currency } = order;
  const lines = order.line_items.reduce((sum, line) => sum + minor(line.price, currency) * line.quantity, 0);
  const lineDiscounts = order.line_items.reduce((sum, line) => sum + minor(line.total_discount, currency), 0);
  const codes = order.discount_codes.reduce((sum, code) => sum + minor(code.amount, currency), 0);
  const shipping = order.shipping_lines.reduce((sum, line) => sum + minor(line.price, currency), 0);
  order.total_line_items_price = money(lines, currency);
  order.total_discounts = money(lineDiscounts + codes, currency);
  order.subtotal_price = money(lines - lineDiscounts - codes, currency);
  order.total_price = money(lines - lineDiscounts - codes + shipping + minor(order.total_tax, currency), currency);
  return order;
}

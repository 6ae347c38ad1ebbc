// The simulator's WooCommerce order: the REST v3 order resource as WooCommerce returns it (taxes kept at zero).

export interface WooCommerceAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
  /** Only the billing address has an e-mail. */
  email?: string;
}

export interface WooCommerceMeta {
  id: number;
  key: string;
  value: string;
  display_key: string;
  display_value: string;
}

export interface WooCommerceLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  /** Before coupons. */
  subtotal: string;
  subtotal_tax: string;
  /** After coupons, before tax. */
  total: string;
  total_tax: string;
  taxes: unknown[];
  meta_data: WooCommerceMeta[];
  sku: string;
  /** A number, unlike every other amount: total / quantity. */
  price: number;
  image: { id: number | string; src: string };
  parent_name: string | null;
}

export interface WooCommerceShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  total: string;
  total_tax: string;
  taxes: unknown[];
  meta_data: unknown[];
}

export interface WooCommerceFeeLine {
  id: number;
  name: string;
  tax_class: string;
  tax_status: 'taxable' | 'none';
  amount: string;
  total: string;
  total_tax: string;
  taxes: unknown[];
  meta_data: unknown[];
}

export interface WooCommerceCouponLine {
  id: number;
  code: string;
  discount: string;
  discount_tax: string;
  meta_data: unknown[];
}

export interface WooCommerceOrderRecord {
  id: number;
  parent_id: number;
  status: string;
  currency: string;
  version: string;
  prices_include_tax: boolean;
  /** Site-local times (the store's time zone), as WooCommerce shows them. */
  date_created: string;
  date_modified: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  order_key: string;
  billing: WooCommerceAddress;
  shipping: WooCommerceAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  customer_ip_address: string;
  customer_user_agent: string;
  created_via: string;
  customer_note: string;
  date_completed: string | null;
  date_paid: string | null;
  cart_hash: string;
  number: string;
  meta_data: unknown[];
  line_items: WooCommerceLineItem[];
  tax_lines: unknown[];
  shipping_lines: WooCommerceShippingLine[];
  fee_lines: WooCommerceFeeLine[];
  coupon_lines: WooCommerceCouponLine[];
  refunds: unknown[];
  payment_url: string;
  is_editable: boolean;
  needs_payment: boolean;
  needs_processing: boolean;
  /** UTC, without a zone suffix. */
  date_created_gmt: string;
  date_modified_gmt: string;
  date_completed_gmt: string | null;
  date_paid_gmt: string | null;
  currency_symbol: string;
}

/** WooCommerce writes amounts as decimal text with two places. */
export const money = (minor: number): string => (minor < 0 ? '-' : '') + (Math.abs(minor) / 100).toFixed(2);
export const minorOf = (text: string): number => Math.round(Number(text) * 100);

/** "YYYY-MM-DDTHH:MM:SS" in UTC (the *_gmt fields) or shifted to the site's offset (the plain fields). */
export function wooTime(at: Date, offsetMinutes = 0): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** Recomputes the totals WooCommerce derives from the lines. */
export function withTotals(order: WooCommerceOrderRecord): WooCommerceOrderRecord {
  const lines = order.line_items.reduce((sum, line) => sum + minorOf(line.total), 0);
  const shipping = order.shipping_lines.reduce((sum, line) => sum + minorOf(line.total), 0);
  const fees = order.fee_lines.reduce((sum, line) => sum + minorOf(line.total), 0);
  const coupons = order.coupon_lines.reduce((sum, line) => sum + minorOf(line.discount), 0);
  return { ...order, discount_total: money(coupons), shipping_total: money(shipping), total: money(lines + shipping + fees) };
}

export function emptyAddress(): WooCommerceAddress {
  return { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '', phone: '' };
}

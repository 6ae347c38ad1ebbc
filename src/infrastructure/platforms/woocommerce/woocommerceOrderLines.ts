// The lines of a WooCommerce order: line_items, fee_lines, coupon_lines and shipping_lines as the port's parts.
import type { PlatformBuyer, PlatformDelivery, PlatformDiscount, PlatformOrderItem } from '../../../application/ports/platformClient.js';
import {
  isPresent,
  MalformedFieldError,
  optionalDecimalMoney,
  optionalObject,
  optionalText,
  requireArray,
  requireDecimalMoney,
  requireObject,
  requireText,
  type Json,
} from '../payload/payloadFields.js';
import { optionalWooId, requireQuantity, requireSignedDecimalMoney } from './woocommerceFields.js';

const listOf = (value: unknown, field: string): unknown[] => (isPresent(value) ? requireArray(value, field) : []);

/** `total` is the line after its coupons, before tax: divided by the quantity, the unit price after item discounts. */
export function readItems(order: Json, currency: string): PlatformOrderItem[] {
  return listOf(order.line_items, 'line_items').map((raw, index) => {
    const field = `line_items[${index}]`;
    const line = requireObject(raw, field);
    const quantity = requireQuantity(line.quantity, `${field}.quantity`);
    const total = requireDecimalMoney(line.total, `${field}.total`, currency);
    const item: PlatformOrderItem = { name: requireText(line.name, `${field}.name`), quantity, price: Math.round(total / quantity) };
    const sku = optionalText(line.sku, `${field}.sku`)?.trim();
    if (sku) item.sku = sku;
    const productId = optionalWooId(line.product_id, `${field}.product_id`);
    if (productId) item.externalProductId = productId;
    const variationId = optionalWooId(line.variation_id, `${field}.variation_id`);
    if (variationId) {
      const parentName = optionalText(line.parent_name, `${field}.parent_name`)?.trim();
      item.variant = { parentName: parentName || item.name, properties: readAttributes(line.meta_data, `${field}.meta_data`) };
    }
    return item;
  });
}

/** A variation line carries its attributes as visible meta ("pa_colour" → "Blue"); keys starting "_" are Woo's own. */
function readAttributes(value: unknown, field: string): Record<string, string> {
  const properties: Record<string, string> = {};
  listOf(value, field).forEach((raw, index) => {
    const meta = requireObject(raw, `${field}[${index}]`);
    const key = optionalText(meta.display_key, `${field}[${index}].display_key`) ?? optionalText(meta.key, `${field}[${index}].key`);
    const shown = isPresent(meta.display_value) ? meta.display_value : meta.value;
    if (!key || key.startsWith('_') || typeof shown !== 'string') return;
    properties[key] = shown.replace(/<[^>]*>/g, '').trim();
  });
  return properties;
}

/**
 * Fees are decided here: a positive fee (gift wrap, COD surcharge) is charged like an item, so it becomes an extra
 * line without an article; a negative fee is how shops add ad-hoc discounts, so it becomes a discount.
 */
export function readFees(order: Json, currency: string): { lines: PlatformOrderItem[]; discounts: PlatformDiscount[] } {
  const lines: PlatformOrderItem[] = [];
  const discounts: PlatformDiscount[] = [];
  listOf(order.fee_lines, 'fee_lines').forEach((raw, index) => {
    const field = `fee_lines[${index}]`;
    const fee = requireObject(raw, field);
    const name = optionalText(fee.name, `${field}.name`)?.trim() || 'Fee';
    const total = requireSignedDecimalMoney(fee.total, `${field}.total`, currency);
    if (total > 0) lines.push({ name, quantity: 1, price: total });
    if (total < 0) discounts.push({ name, amount: -total });
  });
  return { lines, discounts };
}

/**
 * Each coupon by its code; what discount_total holds beyond the coupons (a plugin's discount) as one more discount. A
 * coupon without its amount is left out (coupons are already inside the line totals) and named in `missing`.
 */
export function readCoupons(order: Json, currency: string, missing: string[] = []): PlatformDiscount[] {
  const discounts = listOf(order.coupon_lines, 'coupon_lines').flatMap((raw, index): PlatformDiscount[] => {
    const field = `coupon_lines[${index}]`;
    const coupon = requireObject(raw, field);
    const code = requireText(coupon.code, `${field}.code`);
    if (!isPresent(coupon.discount)) {
      missing.push(`amount of coupon ${code}`);
      return [];
    }
    return [{ name: `Coupon ${code}`, amount: requireDecimalMoney(coupon.discount, `${field}.discount`, currency) }];
  });
  const total = optionalDecimalMoney(order.discount_total, 'discount_total', currency) ?? 0;
  const byCoupons = discounts.reduce((sum, discount) => sum + discount.amount, 0);
  if (total > byCoupons) discounts.push({ name: discounts.length ? 'Other discounts' : 'Order discount', amount: total - byCoupons });
  return discounts.filter((discount) => discount.amount > 0);
}

/** The billing contact; its address's country (ISO code, as WooCommerce keeps it) reads a phone written nationally. */
export function readBuyer(order: Json): PlatformBuyer | undefined {
  const billing = optionalObject(order.billing, 'billing');
  if (!billing) return undefined;
  const text = (key: string) => optionalText(billing[key], `billing.${key}`)?.trim() ?? '';
  const buyer: PlatformBuyer = { firstName: text('first_name'), lastName: text('last_name'), phone: text('phone'), email: text('email') };
  if (!(buyer.firstName || buyer.lastName || buyer.phone || buyer.email)) return undefined;
  const country = text('country').toUpperCase();
  if (/^[A-Z]{2}$/.test(country)) buyer.country = country;
  return buyer;
}

/** Method and cost from shipping_lines (several add up), recipient and address from the order's `shipping` block. */
export function readDelivery(order: Json, buyer: PlatformBuyer | undefined, currency: string): PlatformDelivery | undefined {
  const methods: string[] = [];
  let cost = 0;
  listOf(order.shipping_lines, 'shipping_lines').forEach((raw, index) => {
    const field = `shipping_lines[${index}]`;
    const line = requireObject(raw, field);
    const title = optionalText(line.method_title, `${field}.method_title`)?.trim() || optionalText(line.method_id, `${field}.method_id`)?.trim();
    if (title) methods.push(title);
    cost += requireDecimalMoney(line.total, `${field}.total`, currency);
  });
  const shipping = optionalObject(order.shipping, 'shipping');
  const text = (key: string) => (shipping ? (optionalText(shipping[key], `shipping.${key}`)?.trim() ?? '') : '');
  const address = [text('company'), text('address_1'), text('address_2'), text('city'), text('state'), text('postcode'), text('country')].filter(Boolean);
  const named = `${text('first_name')} ${text('last_name')}`.trim();
  const recipient = named || (buyer ? `${buyer.firstName} ${buyer.lastName}`.trim() : '');
  if (methods.length === 0 && address.length === 0 && cost === 0) return undefined;
  if (cost < 0) throw new MalformedFieldError('shipping_lines', 'add up to a negative cost');
  return { method: methods.join(', '), cost, recipient, address: address.join(', ') };
}

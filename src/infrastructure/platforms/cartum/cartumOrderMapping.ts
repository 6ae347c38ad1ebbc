// Horoshop order JSON (orders/get) → the port's PlatformOrder; anything unreadable becomes a malformed order
// naming the field, so one bad order never blocks the rest of its page.
// Field names follow the public Horoshop API (order_id, stat_created, delivery_*, total_sum, products[].article…);
// where the docs were not reachable the shape is an assumption noted on the line that reads it.
import type { FetchedOrder, PlatformBuyer, PlatformDelivery, PlatformDiscount, PlatformOrder, PlatformOrderItem } from '../../../application/ports/platformClient.js';
import {
  isPresent,
  MalformedFieldError,
  MAX_COMMENT_LENGTH,
  optionalDecimal,
  optionalDecimalMoney,
  optionalText,
  requireAmount,
  requireArray,
  requireDecimalMoney,
  requireObject,
  type Json,
} from '../payload/payloadFields.js';
import { optionalLocalText, optionalTitle, requireCartumId } from './cartumFields.js';
import { requireCartumTime } from './cartumTime.js';

export interface CartumMappingContext {
  /** Link to the order in the shop's admin. */
  orderUrl(orderId: string): string;
  /** The shop's main currency, for orders that do not carry their own. */
  shopCurrency: string | undefined;
  timeZone?: string;
  /** The languages to read texts in, the integration's first (cartumLanguages). */
  languages?: readonly string[];
}

export function mapCartumOrder(raw: unknown, context: CartumMappingContext): FetchedOrder {
  let externalId: string | undefined;
  try {
    const order = requireObject(raw, 'order');
    externalId = requireCartumId(order.order_id, 'order_id');
    return { kind: 'order', order: readOrder(order, externalId, context) };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    externalId ??= idIfReadable(raw);
    return { kind: 'malformed', order: { externalId, reason: `Cartum order ${externalId ?? 'without an id'}: ${error.message}` } };
  }
}

function idIfReadable(raw: unknown): string | undefined {
  try {
    return requireCartumId((raw as Json | null)?.order_id, 'order_id');
  } catch {
    return undefined;
  }
}

/** The order's status id; `stat_status` in orders/get (assumed), `status` as orders/update names it. */
function readStatus(order: Json): string {
  const status = order.stat_status ?? order.status;
  if (typeof status === 'object' && status !== null && !Array.isArray(status)) return requireCartumId((status as Json).id, 'stat_status.id');
  return requireCartumId(status, 'stat_status');
}

function readCurrency(order: Json, shopCurrency: string | undefined): string {
  const own = optionalText(order.currency, 'currency')?.trim().toUpperCase();
  if (own !== undefined && own !== '') {
    if (!/^[A-Z]{3}$/.test(own)) throw new MalformedFieldError('currency', `must be an ISO 4217 code, got ${JSON.stringify(own.slice(0, 40))}`);
    return own;
  }
  if (!shopCurrency) throw new MalformedFieldError('currency', 'is unknown: the order has none and the shop has no main currency');
  return shopCurrency;
}

function readOrder(order: Json, externalId: string, context: CartumMappingContext): PlatformOrder {
  const zone = context.timeZone;
  const currency = readCurrency(order, context.shopCurrency);
  const items = requireArray(order.products ?? [], 'products').map((line, index) => readItem(line, `products[${index}]`, currency, context.languages));
  const buyer = readBuyer(order);
  const createdAt = requireCartumTime(order.stat_created, 'stat_created', zone);
  const delivery = readDelivery(order, currency, context.languages);
  const linesTotal = requireDecimalMoney(order.total_sum, 'total_sum', currency);
  const mapped: PlatformOrder = {
    externalId,
    number: externalId,
    platformUrl: context.orderUrl(externalId),
    createdAt,
    // stat_updated is assumed; without it the creation time is the last known change.
    updatedAt: isPresent(order.stat_updated) ? requireCartumTime(order.stat_updated, 'stat_updated', zone) : createdAt,
    status: readStatus(order),
    currency,
    items,
    discounts: readDiscounts(order, linesTotal, currency),
    // total_sum is the lines after order-level discounts and excludes delivery.
    total: linesTotal + (delivery?.cost ?? 0),
  };
  if (buyer) mapped.buyer = buyer;
  if (delivery) mapped.delivery = delivery;
  const comment = optionalText(order.comment, 'comment', MAX_COMMENT_LENGTH)?.trim();
  if (comment) mapped.comment = comment;
  if (order.payed === 1 || order.payed === true || order.payed === '1') mapped.paymentStatus = 'paid';
  else if (order.payed === 0 || order.payed === false || order.payed === '0') mapped.paymentStatus = 'unpaid';
  else if (isPresent(order.payed)) throw new MalformedFieldError('payed', `must be 0 or 1, got ${JSON.stringify(order.payed).slice(0, 40)}`);
  return mapped;
}

/** Horoshop keeps the buyer as delivery contact fields: one full name, a phone and an e-mail. */
function readBuyer(order: Json): PlatformBuyer | undefined {
  const fullName = (optionalText(order.delivery_name, 'delivery_name') ?? '').trim().split(/\s+/).filter(Boolean);
  const phone = (optionalText(order.delivery_phone, 'delivery_phone') ?? '').trim();
  const email = (optionalText(order.delivery_email, 'delivery_email') ?? '').trim();
  if (fullName.length === 0 && !phone && !email) return undefined;
  return { firstName: fullName[0] ?? '', lastName: fullName.slice(1).join(' '), phone, email };
}

function readItem(raw: unknown, field: string, currency: string, languages?: readonly string[]): PlatformOrderItem {
  const line = requireObject(raw, field);
  const name = optionalLocalText(line.title, `${field}.title`, undefined, languages);
  if (!name || !name.trim()) throw new MalformedFieldError(`${field}.title`, 'is missing');
  const quantity = requireAmount(line.quantity, `${field}.quantity`);
  if (quantity === 0 && line.type !== 'gift') throw new MalformedFieldError(`${field}.quantity`, 'must be more than 0');
  // price is the unit price with the product's own discount already in it (discount_marker PRICE_OLD).
  const item: PlatformOrderItem = { name, quantity, price: requireDecimalMoney(line.price, `${field}.price`, currency) };
  const article = optionalText(line.article, `${field}.article`)?.trim();
  // Horoshop identifies catalogue products by article: it is both the SKU and the product id.
  if (article) {
    item.sku = article;
    item.externalProductId = article;
  }
  const parentArticle = optionalText(line.parent_article, `${field}.parent_article`)?.trim();
  if (article && parentArticle && parentArticle !== article) item.variant = { parentSku: parentArticle, parentName: name, properties: {} };
  return item;
}

/** Order-level discounts (coupon, manager): total_default is before them, total_sum after. */
function readDiscounts(order: Json, linesTotal: number, currency: string): PlatformDiscount[] {
  const code = optionalText(order.coupon_code, 'coupon_code')?.trim();
  const coupon = optionalDecimalMoney(order.coupon_discount_value, 'coupon_discount_value', currency) ?? 0;
  const before = optionalDecimalMoney(order.total_default, 'total_default', currency);
  const amount = coupon > 0 ? coupon : before !== undefined ? before - linesTotal : 0;
  if (amount <= 0) return [];
  // A percentage, not money: read as the number it is.
  const percent = optionalDecimal(order.coupon_percent, 'coupon_percent');
  const percentText = percent ? ` ${percent}%` : '';
  return [{ name: code ? `Coupon ${code}${percentText}` : `Order discount${percentText}`, amount }];
}

function readDelivery(order: Json, currency: string, languages?: readonly string[]): PlatformDelivery | undefined {
  const method = optionalTitle(order.delivery_type, 'delivery_type', languages)?.trim() ?? '';
  // -1 means Horoshop did not calculate the delivery price: nothing to charge.
  const price = isPresent(order.delivery_price) && order.delivery_price !== -1 && order.delivery_price !== '-1' ? optionalDecimalMoney(order.delivery_price, 'delivery_price', currency) : undefined;
  const cost = price ?? 0;
  const address = [optionalText(order.delivery_city, 'delivery_city'), optionalText(order.delivery_address, 'delivery_address')]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part));
  const recipient = (optionalText(order.delivery_name, 'delivery_name') ?? '').trim();
  if (!method && address.length === 0 && cost === 0) return undefined;
  return { method, cost, recipient, address: address.join(', ') };
}

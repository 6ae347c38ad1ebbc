// What a Shopify order means to synchub, whichever shape it came in (a GraphQL Order node, or a webhook's order JSON):
// the rules both mappings share for buyer, items, delivery and statuses.
import type { PlatformBuyer, PlatformDelivery, PlatformOrder, PlatformOrderItem } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, MAX_COMMENT_LENGTH, optionalText, requireObject, requireText, type Json } from '../payload/payloadFields.js';

/** A text at a path, trimmed; '' when the source or the value is missing. */
export type TextAt = [source: Json | undefined, key: string, path: string];

/** The first non-empty text among the candidates, in order. */
export function firstText(...candidates: TextAt[]): string {
  for (const [source, key, path] of candidates) {
    const value = source ? optionalText(source[key], path)?.trim() : undefined;
    if (value) return value;
  }
  return '';
}

export function buyerOf(fields: Record<keyof PlatformBuyer, TextAt[]>): PlatformBuyer | undefined {
  const buyer: PlatformBuyer = {
    firstName: firstText(...fields.firstName),
    lastName: firstText(...fields.lastName),
    phone: firstText(...fields.phone),
    email: firstText(...fields.email),
  };
  // The address's country (ISO 3166 alpha-2) reads a phone written nationally.
  const country = firstText(...(fields.country ?? [])).toUpperCase();
  if (/^[A-Z]{2}$/.test(country)) buyer.country = country;
  return buyer.firstName || buyer.lastName || buyer.phone || buyer.email ? buyer : undefined;
}

export function requireCurrency(value: unknown, field: string): string {
  const currency = requireText(value, field).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new MalformedFieldError(field, `must be a three-letter ISO 4217 code, got ${JSON.stringify(currency.slice(0, 40))}`);
  return currency;
}

export interface LineFacts {
  name: string;
  quantity: number;
  /** The line's total after its own discounts (not the order's), minor units. */
  total: number;
  sku?: string;
  productId?: string;
  variantTitle?: string;
  /** The buyer's line properties (custom attributes): engraving text, gift notes… */
  attributes: [key: string, value: string][];
}

/** One order line as the port's item: a variant with its own SKU is one SKU variant of its product (004). */
export function itemOf(line: LineFacts, field: string): PlatformOrderItem {
  if (!Number.isInteger(line.quantity) || line.quantity === 0) throw new MalformedFieldError(`${field}.quantity`, `must be a whole number of at least 1, got ${line.quantity}`);
  const item: PlatformOrderItem = { name: line.name, quantity: line.quantity, price: Math.round(line.total / line.quantity) };
  if (line.sku) item.sku = line.sku;
  if (line.productId) item.externalProductId = line.productId;
  const notes: string[] = [];
  // "Default Title" is Shopify's name for the only variant of a product without options.
  if (line.variantTitle && line.variantTitle !== 'Default Title') {
    if (line.sku) item.variant = { parentName: line.name, properties: variantProperties(line.variantTitle) };
    else notes.push(line.variantTitle);
  }
  // Attributes whose key starts with "_" are the shop's own, hidden from the buyer.
  for (const [key, value] of line.attributes) if (!key.startsWith('_') && value) notes.push(`${key}: ${value}`);
  if (notes.length > 0) item.description = notes.join('; ');
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

export interface DeliveryFacts {
  /** Whether the order has shipping lines at all (a free one without a title still is one). */
  shipped: boolean;
  methods: string[];
  cost: number;
  /** The shipping address, with the mapping's own path prefix for messages. */
  address: Json | undefined;
  addressField: string;
  /** The address keys of the shape: recipient name, first and last name, and the address lines in order. */
  keys: { name: string; firstName: string; lastName: string; lines: string[] };
}

/** Shipping lines as delivery facts: their titles as the method, their prices (read by `priceOf`) added up. */
export function shippingOf(lines: unknown[], field: string, titleKey: string, priceOf: (line: Json, field: string) => number): Pick<DeliveryFacts, 'shipped' | 'methods' | 'cost'> {
  const methods: string[] = [];
  let cost = 0;
  lines.forEach((raw, index) => {
    const line = requireObject(raw, `${field}[${index}]`);
    const title = optionalText(line[titleKey], `${field}[${index}].${titleKey}`)?.trim();
    if (title) methods.push(title);
    cost += priceOf(line, `${field}[${index}]`);
  });
  return { shipped: lines.length > 0, methods, cost };
}

export function deliveryOf(facts: DeliveryFacts, buyer: PlatformBuyer | undefined): PlatformDelivery | undefined {
  const { address, addressField, keys } = facts;
  if (!facts.shipped && !address) return undefined;
  const text = (key: string) => (address ? optionalText(address[key], `${addressField}.${key}`)?.trim() : undefined);
  const lines = keys.lines.map(text).filter((part): part is string => Boolean(part));
  const recipient = text(keys.name) || [text(keys.firstName), text(keys.lastName)].filter(Boolean).join(' ') || (buyer ? `${buyer.firstName} ${buyer.lastName}`.trim() : '');
  return { method: facts.methods.join(', '), cost: facts.cost, recipient, address: lines.join(', ') };
}

/** The parts an order may lack, added when present: buyer, delivery, the note as comment, the payment status. */
export function withOptionalParts(
  order: PlatformOrder,
  parts: { buyer: PlatformBuyer | undefined; delivery: PlatformDelivery | undefined; note: unknown; paymentStatus: PlatformOrder['paymentStatus'] },
): PlatformOrder {
  if (parts.buyer) order.buyer = parts.buyer;
  if (parts.delivery) order.delivery = parts.delivery;
  const comment = optionalText(parts.note, 'note', MAX_COMMENT_LENGTH)?.trim();
  if (comment) order.comment = comment;
  if (parts.paymentStatus) order.paymentStatus = parts.paymentStatus;
  return order;
}

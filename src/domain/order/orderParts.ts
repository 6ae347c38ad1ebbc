import { InvalidValueError } from '../shared/errors.js';
import { assertMoney, type Money } from '../shared/money.js';
import { sameValue } from '../shared/sameValue.js';
import { assertText } from '../shared/text.js';

/** Imported items are "non-deductible": they keep quantity and price and do not move stock by themselves. */
export interface OrderItem {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  /** Unit price, minor units. */
  price: Money;
  kind: 'product' | 'service';
  deductible: boolean;
}

export interface OrderCustomer {
  contactId: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

export interface OrderDiscount {
  name: string;
  amount: Money;
}

export interface OrderDelivery {
  /** Empty when the platform names none (no shipping line: virtual goods, pickup, admin orders). */
  method: string;
  cost: Money;
  recipient: string;
  address: string;
}

export function validateItems(items: OrderItem[]): void {
  if (!Array.isArray(items)) throw new InvalidValueError('items', 'must be a list');
  items.forEach((item, i) => {
    const field = `items[${i}]`;
    assertText(`${field}.name`, item.name, { required: true });
    assertText(`${field}.sku`, item.sku, { max: 200 });
    if (!Number.isFinite(item.quantity) || item.quantity <= 0) {
      throw new InvalidValueError(`${field}.quantity`, `must be greater than 0, got ${item.quantity}`);
    }
    assertMoney(`${field}.price`, item.price);
  });
}

export function validateDelivery(delivery: OrderDelivery | null): void {
  if (delivery === null) return;
  assertText('delivery.method', delivery.method, { max: 200 });
  assertText('delivery.recipient', delivery.recipient);
  assertText('delivery.address', delivery.address);
  assertMoney('delivery.cost', delivery.cost);
}

export function validateDiscounts(discounts: OrderDiscount[]): void {
  discounts.forEach((discount, i) => {
    assertText(`discounts[${i}].name`, discount.name, { max: 200 });
    assertMoney(`discounts[${i}].amount`, discount.amount);
  });
}

export function sameItems(a: OrderItem[], b: OrderItem[]): boolean {
  return sameValue(a, b);
}

export function sameDelivery(a: OrderDelivery | null, b: OrderDelivery | null): boolean {
  return sameValue(a, b);
}

/** The lines whose quantity differs, with 0 for a line that appears or disappears. */
export function quantityChanges(
  current: OrderItem[],
  incoming: OrderItem[],
): { sku: string; name: string; from: number; to: number }[] {
  const key = (item: OrderItem) => `${item.productId}|${item.sku}|${item.kind}`;
  const before = new Map(current.map((item) => [key(item), item]));
  const after = new Map(incoming.map((item) => [key(item), item]));
  const changes: { sku: string; name: string; from: number; to: number }[] = [];
  for (const [k, item] of after) {
    const from = before.get(k)?.quantity ?? 0;
    if (from !== item.quantity) changes.push({ sku: item.sku, name: item.name, from, to: item.quantity });
  }
  for (const [k, item] of before) {
    if (!after.has(k)) changes.push({ sku: item.sku, name: item.name, from: item.quantity, to: 0 });
  }
  return changes;
}

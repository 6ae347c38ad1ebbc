// Real stores' orders lack parts (virtual goods ship nothing, admin orders have no e-mail): an order needs only its
// customer (a buyer or the default contact), its items, its currency and its total. Anything else missing is imported
// without, and the order's feed says what was missing.
import type { OrderCustomer, OrderDelivery } from './orderParts.js';

/** What the order came without, in the words of its feed: the adapter's notes first, then what the domain sees. */
export function missingParts(order: { delivery?: OrderDelivery | null; missing?: readonly string[] }, customer: OrderCustomer): string[] {
  const missing = [...(order.missing ?? [])];
  if (order.delivery && !order.delivery.method.trim()) missing.push('delivery method');
  if (!customer.email.trim()) missing.push('buyer e-mail');
  if (!customer.lastName.trim()) missing.push('buyer last name');
  if (!customer.phone.trim()) missing.push('buyer phone');
  return [...new Set(missing)];
}

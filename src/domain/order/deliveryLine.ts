// The delivery cost is not a field on the side: it is one more line of the order, a service, the integration's delivery item.
import type { OrderItem } from './orderParts.js';

/** What the delivery line is charged as: the delivery item, once, at the delivery cost; nothing when delivery is free or absent. */
export function deliveryCharge(
  delivery: { cost: number } | undefined | null,
  deliveryItem: { sku: string; name: string },
): { sku: string; name: string; quantity: 1; price: number } | null {
  if (!delivery || !(delivery.cost > 0)) return null;
  return { sku: deliveryItem.sku, name: deliveryItem.name, quantity: 1, price: delivery.cost };
}

/** The order line of the delivery charge: always a service, whatever its product says. */
export function deliveryLine(charge: { sku: string; name: string; price: number }, productId: string): OrderItem {
  return { productId, sku: charge.sku, name: charge.name, quantity: 1, price: charge.price, kind: 'service', deductible: false };
}

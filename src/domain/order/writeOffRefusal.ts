// Platform edits of an order's items are taken in until its stock is written off; after that they are refused, and the refusal recorded.
import type { PlatformChanges } from './orderCommands.js';
import type { OrderEvent } from './orderEvents.js';
import { quantityChanges, sameItems } from './orderParts.js';
import type { OrderState } from './orderState.js';

/** The items the platform sends, as events: taken in, refused once per platform version after the write-off, or nothing. */
export function itemChangesFromPlatform(order: OrderState & { exists: true }, incoming: PlatformChanges, at: string): OrderEvent[] {
  const itemsDiffer =
    !sameItems(order.items, incoming.items) || order.total !== incoming.total || order.discountTotal !== incoming.discountTotal;
  if (!itemsDiffer) return [];
  if (!order.writtenOff) {
    const { items, discounts, discountTotal, total } = incoming;
    return [{ type: 'OrderItemsChanged', data: { items, discounts, discountTotal, total, at } }];
  }
  // The same platform items were refused already: that refusal stands, it is not recorded at every sync.
  if (order.refusedItems && sameItems(order.refusedItems, incoming.items)) return [];
  return [
    {
      type: 'QuantityChangeRefused',
      data: {
        changes: quantityChanges(order.items, incoming.items),
        platformItems: incoming.items,
        reason: 'The stock of this order was written off; platform changes to its items are no longer applied',
        at,
      },
    },
  ];
}

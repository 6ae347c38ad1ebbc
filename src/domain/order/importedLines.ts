// Imported items arrive "non-deductible": they keep the platform's quantity and price and move no stock by themselves.
import type { OrderItem } from './orderParts.js';

/** The order line of a platform item, once its local product is known. */
export function importedLine(
  item: { sku?: string; name: string; quantity: number; price: number },
  product: { productId: string; isService: boolean },
): OrderItem {
  return {
    productId: product.productId,
    sku: item.sku ?? '',
    name: item.name,
    quantity: item.quantity,
    price: item.price,
    kind: product.isService ? 'service' : 'product',
    deductible: false,
  };
}

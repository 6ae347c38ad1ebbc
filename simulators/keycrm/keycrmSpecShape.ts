// What the simulator answers is KeyCRM's published shape (test/fixtures/keycrm/keycrm-open-api.yml): its records keep
// what orders were created with (order-level discount fields, the manager's id), but an answer carries only the read
// schema's fields, and no null where the spec allows none.

/** Fields the spec types without `nullable`: left out rather than answered as null. */
const ORDER_NOT_NULLABLE = ['promocode', 'last_synced_at', 'closed_at'];
const PRODUCT_NOT_NULLABLE = ['comment'];
const OFFER_NOT_NULLABLE = ['barcode', 'weight', 'length', 'width', 'height'];
export const SHIPPING_NOT_NULLABLE = ['shipping_secondary_line', 'shipping_date_actual'];

export function withoutNull(record: Record<string, unknown>, notNullable: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => !(value === null && notNullable.includes(key))));
}

/** The order's own fields as the Order schema has them: the create-only manager_id, discount_amount and discount_percent are not read back. */
export function specOrder(base: Record<string, unknown>): Record<string, unknown> {
  const { manager_id: _, discount_amount: __, discount_percent: ___, ...read } = base;
  return withoutNull(read, ORDER_NOT_NULLABLE);
}

/** A product line; its offer only with include=products.offer. */
export function specOrderProduct(product: object, withOffer: boolean): Record<string, unknown> {
  const { offer, ...line } = product as Record<string, unknown>;
  const shaped = withoutNull(line, PRODUCT_NOT_NULLABLE);
  if (withOffer && offer && typeof offer === 'object') shaped.offer = withoutNull(offer as Record<string, unknown>, OFFER_NOT_NULLABLE);
  return shaped;
}

// The simulator's KeyCRM order: OrderWithIncludes as the real API returns it, associations stored inline.

export interface KeycrmProperty {
  name: string;
  value: string;
}

export interface KeycrmOfferRecord {
  id: number;
  product_id: number;
  sku: string;
  barcode: string | null;
  price: number;
  purchased_price: number;
  quantity: number;
  weight: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  properties: KeycrmProperty[];
}

export interface KeycrmOrderProductRecord {
  name: string;
  sku: string;
  price: number;
  price_sold: number;
  purchased_price: number;
  discount_percent: number | null;
  discount_amount: number | null;
  total_discount: number | null;
  quantity: number;
  unit_type: string | null;
  upsale: boolean;
  comment: string | null;
  product_status_id: number;
  picture: string | null;
  properties: KeycrmProperty[];
  shipment_type: 'warehouse' | 'manufacturing';
  offer: KeycrmOfferRecord;
}

export interface KeycrmBuyerRecord {
  id: number;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  company_id: number | null;
  manager_id: number | null;
}

export interface KeycrmShippingRecord {
  delivery_service_id: number | null;
  tracking_code: string | null;
  shipping_status: string | null;
  shipping_address_city: string | null;
  shipping_address_country: string | null;
  shipping_address_country_code: string | null;
  shipping_address_region: string | null;
  shipping_address_zip: string | null;
  shipping_secondary_line: string | null;
  shipping_receive_point: string | null;
  recipient_full_name: string | null;
  recipient_phone: string | null;
  shipping_date_actual: string | null;
}

export interface KeycrmPaymentRecord {
  id: number;
  destination_id: number;
  payment_method_id: number;
  amount: number;
  actual_currency: string | null;
  transaction_uuid: string | null;
  description: string | null;
  status: 'paid' | 'refund' | 'not_paid' | 'canceled';
  payment_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface KeycrmOrderRecord {
  id: number;
  parent_id: number | null;
  source_uuid: string | null;
  source_id: number;
  status_id: number;
  status_group_id: number;
  grand_total: number;
  promocode: string | null;
  total_discount: number;
  /** Order-level discount fields as the order was created with them (create body only: never answered on a read). */
  discount_amount: number | null;
  discount_percent: number | null;
  expenses_sum: number;
  shipping_price: number;
  wrap_price: number;
  taxes: number;
  manager_id: number | null;
  manager_comment: string | null;
  buyer_comment: string | null;
  gift_message: string | null;
  is_gift: boolean;
  payment_status: 'not_paid' | 'part_paid' | 'paid' | 'overpaid';
  last_synced_at: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  buyer: KeycrmBuyerRecord | null;
  products: KeycrmOrderProductRecord[];
  shipping: KeycrmShippingRecord | null;
  payments: KeycrmPaymentRecord[];
}

/** KeyCRM's UTC time format. */
export function keycrmTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * grand_total as KeyCRM computes it: sold prices × quantities, less the order's own discount, plus delivery, wrap and
 * taxes; total_discount is every discount of the order, its lines' (already in their sold prices) and its own.
 */
export function withTotals(order: KeycrmOrderRecord): KeycrmOrderRecord {
  const subtotal = order.products.reduce((sum, product) => sum + product.price_sold * product.quantity, 0);
  const onLines = order.products.reduce((sum, product) => sum + (product.total_discount ?? 0), 0);
  const discount = (order.discount_amount ?? 0) + (subtotal * (order.discount_percent ?? 0)) / 100;
  return {
    ...order,
    total_discount: cents(onLines + discount),
    grand_total: cents(subtotal - discount + order.shipping_price + order.wrap_price + order.taxes),
  };
}

// The simulator's Horoshop order, as orders/get answers it (field names from the public API; see the mapping).

export interface CartumNamedRef {
  id: number;
  title: string;
}

export interface CartumOrderLineRecord {
  article: string;
  /** Set on a modification (variant): the article of its product. */
  parent_article?: string;
  title: string;
  quantity: number;
  /** Unit price with the product's own discount in it. */
  price: number;
  total_price: number;
  discount_marker: 'NONE' | 'PRICE_OLD';
  type: 'product' | 'gift';
}

export interface CartumOrderRecord {
  order_id: number;
  user: number | null;
  delivery_name: string;
  delivery_email: string;
  delivery_phone: string;
  delivery_city: string;
  delivery_address: string;
  delivery_type: CartumNamedRef | null;
  /** -1 when Horoshop did not calculate it. */
  delivery_price: number;
  payment_type: CartumNamedRef | null;
  payment_price: number;
  payed: 0 | 1;
  currency: string;
  /** Lines before order-level discounts. */
  total_default: number;
  /** Lines after order-level discounts, without delivery. */
  total_sum: number;
  total_quantity: number;
  coupon_code: string;
  coupon_percent: number;
  coupon_discount_value: number;
  comment: string;
  stat_status: number;
  /** Shop-local "YYYY-MM-DD HH:mm:ss". */
  stat_created: string;
  stat_updated: string;
  products: CartumOrderLineRecord[];
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** Totals as Horoshop computes them: lines, less the coupon's percent. */
export function withTotals(order: CartumOrderRecord): CartumOrderRecord {
  const products = order.products.map((line) => ({ ...line, total_price: cents(line.price * line.quantity) }));
  const totalDefault = cents(products.reduce((sum, line) => sum + line.total_price, 0));
  const discount = cents((totalDefault * order.coupon_percent) / 100);
  return {
    ...order,
    products,
    total_default: totalDefault,
    coupon_discount_value: discount,
    total_sum: cents(totalDefault - discount),
    total_quantity: products.reduce((sum, line) => sum + line.quantity, 0),
  };
}

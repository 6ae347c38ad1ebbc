// The simulator's orders: a mutable in-memory store whose helpers change orders the way shop staff do.
import { cartumTimeOf } from '../../src/infrastructure/platforms/cartum/cartumTime.js';
import { withTotals, type CartumOrderRecord } from './cartumOrderRecord.js';

/** Any JSON object: hostile tests store orders Horoshop should never send. */
export type RawCartumOrder = Record<string, unknown>;

const EMPTY_ORDER: Omit<CartumOrderRecord, 'order_id' | 'stat_created' | 'stat_updated'> = {
  user: null,
  delivery_name: '',
  delivery_email: '',
  delivery_phone: '',
  delivery_city: '',
  delivery_address: '',
  delivery_type: null,
  delivery_price: -1,
  payment_type: null,
  payment_price: 0,
  payed: 0,
  currency: 'UAH',
  total_default: 0,
  total_sum: 0,
  total_quantity: 0,
  coupon_code: '',
  coupon_percent: 0,
  coupon_discount_value: 0,
  comment: '',
  stat_status: 1,
  products: [],
};

export class CartumOrderStore {
  private readonly records: RawCartumOrder[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly timeZone: string,
  ) {}

  all(): readonly RawCartumOrder[] {
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  get(orderId: number): CartumOrderRecord | undefined {
    return this.records.find((record) => record.order_id === orderId) as CartumOrderRecord | undefined;
  }

  /** Adds a well-formed order: defaults filled, next number, times now, totals computed. */
  addOrder(order: Partial<CartumOrderRecord> = {}): CartumOrderRecord {
    const at = this.localNow();
    const record = withTotals({ ...EMPTY_ORDER, order_id: this.nextId(), stat_created: at, stat_updated: at, ...order });
    this.records.push(record as unknown as RawCartumOrder);
    return record;
  }

  /** Stores JSON verbatim, however broken; it is served exactly as given. */
  addRawOrder(json: RawCartumOrder): RawCartumOrder {
    this.records.push(json);
    return json;
  }

  /** Changes fields and stamps stat_updated, as any edit in the admin does. */
  updateOrder(orderId: number, patch: Partial<CartumOrderRecord>): CartumOrderRecord {
    const index = this.indexOf(orderId);
    const changed = { ...(this.records[index] as unknown as CartumOrderRecord), stat_updated: this.localNow(), ...patch };
    const record = 'products' in patch || 'coupon_percent' in patch ? withTotals(changed) : changed;
    this.records[index] = record as unknown as RawCartumOrder;
    return record;
  }

  setStatus(orderId: number, status: number): CartumOrderRecord {
    return this.updateOrder(orderId, { stat_status: status });
  }

  setQuantity(orderId: number, line: number, quantity: number): CartumOrderRecord {
    const products = this.require(orderId).products.map((product, index) => (index === line ? { ...product, quantity } : product));
    return this.updateOrder(orderId, { products });
  }

  remove(orderId: number): void {
    this.records.splice(this.indexOf(orderId), 1);
  }

  private localNow(): string {
    return cartumTimeOf(this.now(), this.timeZone);
  }

  private require(orderId: number): CartumOrderRecord {
    return this.records[this.indexOf(orderId)] as unknown as CartumOrderRecord;
  }

  private indexOf(orderId: number): number {
    const index = this.records.findIndex((record) => record.order_id === orderId);
    if (index < 0) throw new RangeError(`the simulator has no Cartum order ${orderId}`);
    return index;
  }

  private nextId(): number {
    return this.records.reduce((max, record) => (typeof record.order_id === 'number' && record.order_id > max ? record.order_id : max), 0) + 1;
  }
}

// The simulator's orders: a mutable in-memory store whose helpers change orders the way people do in KeyCRM.
import { keycrmTime, withTotals, type KeycrmOrderRecord, type KeycrmShippingRecord } from './keycrmOrderRecord.js';

/** Any JSON object: hostile tests store orders KeyCRM should never send. */
export type RawKeycrmOrder = Record<string, unknown>;

export type NewKeycrmOrder = Partial<KeycrmOrderRecord>;

const EMPTY_ORDER: Omit<KeycrmOrderRecord, 'id' | 'created_at' | 'updated_at'> = {
  parent_id: null,
  source_uuid: null,
  source_id: 1,
  status_id: 1,
  status_group_id: 1,
  grand_total: 0,
  promocode: null,
  total_discount: 0,
  discount_amount: null,
  discount_percent: null,
  expenses_sum: 0,
  shipping_price: 0,
  wrap_price: 0,
  taxes: 0,
  manager_id: null,
  manager_comment: null,
  buyer_comment: null,
  gift_message: null,
  is_gift: false,
  payment_status: 'not_paid',
  last_synced_at: null,
  closed_at: null,
  buyer: null,
  products: [],
  shipping: null,
  payments: [],
};

/** Edits to these fields make KeyCRM compute grand_total again. */
const PRICED_FIELDS: Array<keyof KeycrmOrderRecord> = ['products', 'discount_amount', 'discount_percent', 'shipping_price', 'wrap_price', 'taxes'];

export class KeycrmOrderStore {
  private readonly records: RawKeycrmOrder[] = [];
  /** Moves on every change, so a list computed from the orders can be kept until they change. */
  private changes = 0;

  constructor(private readonly now: () => Date) {}

  get revision(): number {
    return this.changes;
  }

  /** Every stored order, in the order they were added. */
  all(): readonly RawKeycrmOrder[] {
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  get(id: number): KeycrmOrderRecord | undefined {
    return this.records.find((record) => record.id === id) as KeycrmOrderRecord | undefined;
  }

  /** Adds a well-formed order: defaults filled, next id, times now, grand_total computed unless given. */
  addOrder(order: NewKeycrmOrder = {}): KeycrmOrderRecord {
    const at = keycrmTime(this.now());
    const complete = { ...EMPTY_ORDER, id: this.nextId(), created_at: at, updated_at: at, ...order } as KeycrmOrderRecord;
    const record = order.grand_total === undefined ? withTotals(complete) : complete;
    this.records.push(record as unknown as RawKeycrmOrder);
    this.changes++;
    return record;
  }

  /** Stores JSON verbatim, however broken; it is served exactly as given. */
  addRawOrder(json: RawKeycrmOrder): RawKeycrmOrder {
    this.records.push(json);
    this.changes++;
    return json;
  }

  /** Changes top-level fields and bumps updated_at, as any edit in KeyCRM does. */
  updateOrder(id: number, patch: NewKeycrmOrder): KeycrmOrderRecord {
    const index = this.indexOf(id);
    const changed = { ...(this.records[index] as unknown as KeycrmOrderRecord), updated_at: keycrmTime(this.now()), ...patch };
    const repriced = patch.grand_total === undefined && PRICED_FIELDS.some((field) => field in patch);
    const record = repriced ? withTotals(changed) : changed;
    this.records[index] = record as unknown as RawKeycrmOrder;
    this.changes++;
    return record;
  }

  setQuantity(orderId: number, productIndex: number, quantity: number): KeycrmOrderRecord {
    const products = this.require(orderId).products.map((product, index) => (index === productIndex ? { ...product, quantity } : product));
    if (productIndex < 0 || productIndex >= products.length) throw new RangeError(`order ${orderId} has no product ${productIndex}`);
    return this.updateOrder(orderId, { products });
  }

  /** Replaces delivery details (merged into the current ones); `shippingPrice` changes the delivery cost. */
  setShipping(orderId: number, shipping: Partial<KeycrmShippingRecord> | null, shippingPrice?: number): KeycrmOrderRecord {
    const current = this.require(orderId);
    const merged = shipping === null ? null : ({ ...emptyShipping(), ...current.shipping, ...shipping } as KeycrmShippingRecord);
    return this.updateOrder(orderId, { shipping: merged, ...(shippingPrice === undefined ? {} : { shipping_price: shippingPrice }) });
  }

  setStatus(orderId: number, statusId: number, statusGroupId?: number): KeycrmOrderRecord {
    return this.updateOrder(orderId, { status_id: statusId, ...(statusGroupId === undefined ? {} : { status_group_id: statusGroupId }) });
  }

  remove(id: number): void {
    this.records.splice(this.indexOf(id), 1);
    this.changes++;
  }

  private require(id: number): KeycrmOrderRecord {
    return this.records[this.indexOf(id)] as unknown as KeycrmOrderRecord;
  }

  private indexOf(id: number): number {
    const index = this.records.findIndex((record) => record.id === id);
    if (index < 0) throw new RangeError(`the simulator has no KeyCRM order ${id}`);
    return index;
  }

  private nextId(): number {
    return this.records.reduce((max, record) => (typeof record.id === 'number' && record.id > max ? record.id : max), 0) + 1;
  }
}

export function emptyShipping(): KeycrmShippingRecord {
  return {
    delivery_service_id: null,
    tracking_code: null,
    shipping_status: null,
    shipping_address_city: null,
    shipping_address_country: null,
    shipping_address_country_code: null,
    shipping_address_region: null,
    shipping_address_zip: null,
    shipping_secondary_line: null,
    shipping_receive_point: null,
    recipient_full_name: null,
    recipient_phone: null,
    shipping_date_actual: null,
  };
}

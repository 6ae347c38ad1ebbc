// The simulator's orders: a mutable store whose helpers change orders the way a shop manager does in wp-admin.
import { emptyAddress, withTotals, wooTime, type WooCommerceOrderRecord } from './wooCommerceOrderRecord.js';

/** Any JSON object: hostile tests store orders WooCommerce should never send. */
export type RawWooCommerceOrder = Record<string, unknown>;

export class WooCommerceOrderStore {
  private readonly records: RawWooCommerceOrder[] = [];

  constructor(
    private readonly now: () => Date,
    /** The site's UTC offset: the plain date fields are in the store's time zone. */
    readonly siteOffsetMinutes: number,
  ) {}

  all(): readonly RawWooCommerceOrder[] {
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  get(id: number): WooCommerceOrderRecord | undefined {
    return this.records.find((record) => record.id === id) as WooCommerceOrderRecord | undefined;
  }

  /** Adds a well-formed order: defaults filled, next id, times now, totals computed unless given. */
  addOrder(order: Partial<WooCommerceOrderRecord> = {}): WooCommerceOrderRecord {
    const id = order.id ?? this.nextId();
    const complete = { ...this.blank(id), ...order } as WooCommerceOrderRecord;
    const record = order.total === undefined ? withTotals(complete) : complete;
    this.records.push(record as unknown as RawWooCommerceOrder);
    return record;
  }

  /** Stores JSON verbatim, however broken; it is served exactly as given. */
  addRawOrder(json: RawWooCommerceOrder): RawWooCommerceOrder {
    this.records.push(json);
    return json;
  }

  /** Changes top-level fields and stamps date_modified, as any save in wp-admin does. */
  updateOrder(id: number, patch: Partial<WooCommerceOrderRecord>): WooCommerceOrderRecord {
    const index = this.indexOf(id);
    const changed = { ...(this.records[index] as unknown as WooCommerceOrderRecord), ...this.stamp(), ...patch };
    const repriced = patch.total === undefined && ['line_items', 'shipping_lines', 'fee_lines', 'coupon_lines'].some((field) => field in patch);
    const record = repriced ? withTotals(changed) : changed;
    this.records[index] = record as unknown as RawWooCommerceOrder;
    return record;
  }

  /** What WooCommerce does on a status change: paid when it starts processing, completed time when completed. */
  setStatus(id: number, status: string): WooCommerceOrderRecord {
    const current = this.require(id);
    const at = this.now();
    const patch: Partial<WooCommerceOrderRecord> = { status };
    if ((status === 'processing' || status === 'completed') && !current.date_paid) {
      Object.assign(patch, { date_paid: wooTime(at, this.siteOffsetMinutes), date_paid_gmt: wooTime(at) });
    }
    if (status === 'completed') Object.assign(patch, { date_completed: wooTime(at, this.siteOffsetMinutes), date_completed_gmt: wooTime(at) });
    return this.updateOrder(id, { ...patch, needs_payment: status === 'pending' || status === 'failed' });
  }

  remove(id: number): void {
    this.records.splice(this.indexOf(id), 1);
  }

  private stamp(): Pick<WooCommerceOrderRecord, 'date_modified' | 'date_modified_gmt'> {
    const at = this.now();
    return { date_modified: wooTime(at, this.siteOffsetMinutes), date_modified_gmt: wooTime(at) };
  }

  private blank(id: number): WooCommerceOrderRecord {
    const at = this.now();
    const created = { date_created: wooTime(at, this.siteOffsetMinutes), date_created_gmt: wooTime(at) };
    return {
      id, parent_id: 0, status: 'pending', currency: 'EUR', version: '8.9.3', prices_include_tax: false,
      ...created, ...this.stamp(),
      discount_total: '0.00', discount_tax: '0.00', shipping_total: '0.00', shipping_tax: '0.00', cart_tax: '0.00', total: '0.00', total_tax: '0.00',
      customer_id: 0, order_key: `wc_order_${id.toString(36).padStart(13, 'x')}`,
      billing: { ...emptyAddress(), email: '' }, shipping: emptyAddress(),
      payment_method: 'bacs', payment_method_title: 'Direct bank transfer', transaction_id: '',
      customer_ip_address: '203.0.113.7', customer_user_agent: 'Mozilla/5.0', created_via: 'checkout', customer_note: '',
      date_completed: null, date_paid: null, cart_hash: '', number: String(id), meta_data: [],
      line_items: [], tax_lines: [], shipping_lines: [], fee_lines: [], coupon_lines: [], refunds: [],
      payment_url: '', is_editable: true, needs_payment: true, needs_processing: true,
      date_completed_gmt: null, date_paid_gmt: null, currency_symbol: '€',
    };
  }

  private require(id: number): WooCommerceOrderRecord {
    return this.records[this.indexOf(id)] as unknown as WooCommerceOrderRecord;
  }

  private indexOf(id: number): number {
    const index = this.records.findIndex((record) => record.id === id);
    if (index < 0) throw new RangeError(`the simulator has no WooCommerce order ${id}`);
    return index;
  }

  private nextId(): number {
    return this.records.reduce((max, record) => (typeof record.id === 'number' && record.id > max ? record.id : max), 0) + 1;
  }
}

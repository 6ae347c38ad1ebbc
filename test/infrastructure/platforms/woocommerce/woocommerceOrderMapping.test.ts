import { expect } from 'chai';
import type { FetchedOrder, PlatformOrder } from '../../../../src/application/ports/platformClient.js';
import { mapWoocommerceOrder } from '../../../../src/infrastructure/platforms/woocommerce/woocommerceOrderMapping.js';
import { seedWooCommerceOrders, type WooCommerceOrderRecord } from '../../../../simulators/woocommerce/index.js';

const context = { orderUrl: (id: string) => `https://shop.example.com/wp-admin/post.php?post=${id}&action=edit` };
const map = (raw: unknown): FetchedOrder => mapWoocommerceOrder(raw, context);
const mapped = (raw: unknown): PlatformOrder => {
  const fetched = map(raw);
  if (fetched.kind !== 'order') throw new Error(`expected an order, got: ${fetched.order.reason}`);
  return fetched.order;
};
const reasonOf = (raw: unknown): string => {
  const fetched = map(raw);
  if (fetched.kind !== 'malformed') throw new Error('expected a malformed order');
  return fetched.order.reason;
};

/** A fixed order exercising every part: a variation, a coupon, both kinds of fee, shipping to someone else. */
function order(overrides: Record<string, unknown> = {}): WooCommerceOrderRecord & Record<string, unknown> {
  const [template] = seedWooCommerceOrders({ count: 1, seed: 3 });
  return {
    ...template,
    id: 727,
    number: 'WC-727',
    status: 'processing',
    currency: 'EUR',
    date_created_gmt: '2024-05-16T17:00:07',
    date_modified_gmt: '2024-05-17T08:30:00',
    date_paid_gmt: '2024-05-16T17:01:00',
    discount_total: '3.00',
    total: '58.40',
    customer_note: 'Ring twice',
    billing: { ...template.billing, first_name: 'Anna', last_name: 'Müller', phone: '+49 30 9123456', email: 'anna@example.com' },
    shipping: { ...template.shipping, first_name: 'Greta', last_name: 'Schmidt', company: '', address_1: 'Hauptstraße 5', address_2: '', city: 'Berlin', state: 'BE', postcode: '10115', country: 'DE' },
    line_items: [
      { ...template.line_items[0], name: 'Hoodie wool - Black, M', product_id: 110, variation_id: 111, quantity: 2, subtotal: '30.00', total: '27.00', sku: 'WC-101-BLK-M', parent_name: 'Hoodie wool',
        meta_data: [{ id: 1, key: 'pa_colour', value: 'black', display_key: 'Colour', display_value: 'Black' }, { id: 2, key: '_reduced_stock', value: '2', display_key: '_reduced_stock', display_value: '2' }] },
      { ...template.line_items[0], name: 'Mug ceramic', product_id: 140, variation_id: 0, quantity: 3, subtotal: '25.00', total: '25.00', sku: 'WC-104', parent_name: null, meta_data: [] },
    ],
    shipping_lines: [{ id: 9, method_title: 'Flat rate', method_id: 'flat_rate', instance_id: '1', total: '5.90', total_tax: '0.00', taxes: [], meta_data: [] }],
    fee_lines: [
      { id: 10, name: 'Gift wrapping', tax_class: '', tax_status: 'none', amount: '3.50', total: '3.50', total_tax: '0.00', taxes: [], meta_data: [] },
      { id: 11, name: 'Loyalty discount', tax_class: '', tax_status: 'none', amount: '-3.00', total: '-3.00', total_tax: '0.00', taxes: [], meta_data: [] },
    ],
    coupon_lines: [{ id: 12, code: 'spring10', discount: '3.00', discount_tax: '0.00', meta_data: [] }],
    ...overrides,
  } as WooCommerceOrderRecord & Record<string, unknown>;
}

describe('WooCommerce order mapping', () => {
  it('given a complete order, then every field reaches the port in minor units and UTC', () => {
    expect(mapped(order())).to.deep.equal({
      externalId: '727',
      number: 'WC-727',
      platformUrl: 'https://shop.example.com/wp-admin/post.php?post=727&action=edit',
      createdAt: '2024-05-16T17:00:07.000Z',
      updatedAt: '2024-05-17T08:30:00.000Z',
      status: 'processing',
      currency: 'EUR',
      buyer: { firstName: 'Anna', lastName: 'Müller', phone: '+49 30 9123456', email: 'anna@example.com', country: 'DE' },
      items: [
        { name: 'Hoodie wool - Black, M', quantity: 2, price: 1350, sku: 'WC-101-BLK-M', externalProductId: '110', variant: { parentName: 'Hoodie wool', properties: { Colour: 'Black' } } },
        { name: 'Mug ceramic', quantity: 3, price: 833, sku: 'WC-104', externalProductId: '140' },
        { name: 'Gift wrapping', quantity: 1, price: 350 },
      ],
      discounts: [{ name: 'Coupon spring10', amount: 300 }, { name: 'Loyalty discount', amount: 300 }],
      delivery: { method: 'Flat rate', cost: 590, recipient: 'Greta Schmidt', address: 'Hauptstraße 5, Berlin, BE, 10115, DE' },
      total: 5840,
      comment: 'Ring twice',
      paymentStatus: 'paid',
    });
  });

  it('given a discount_total larger than its coupons, then the rest is one more discount', () => {
    expect(mapped(order({ discount_total: '5.00' })).discounts).to.deep.include({ name: 'Other discounts', amount: 200 });
    expect(mapped(order({ discount_total: '4.00', coupon_lines: [] })).discounts).to.deep.equal([{ name: 'Order discount', amount: 400 }, { name: 'Loyalty discount', amount: 300 }]);
  });

  it('given no shipping lines and no shipping address, then the order has no delivery; without billing, no buyer', () => {
    const bare = mapped(order({ shipping_lines: [], shipping: { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '' }, billing: null }));
    expect(bare).not.to.have.property('delivery');
    expect(bare).not.to.have.property('buyer');
  });

  it('given a shipping address without a shipping line (virtual goods, pickup, an admin order), then the delivery has no method and no cost', () => {
    const { delivery } = mapped(order({ shipping_lines: [] }));
    expect(delivery).to.include({ method: '', cost: 0 });
    expect(delivery!.address).to.not.equal('');
  });

  it('given a coupon without its amount, then the order is read without that coupon and says what it came without', () => {
    const source = order();
    const read = mapped(order({ coupon_lines: [{ ...source.coupon_lines[0], discount: undefined }], discount_total: '0.00' }));
    expect(read.discounts.filter((discount) => discount.name.startsWith('Coupon'))).to.deep.equal([]);
    expect(read.missing).to.deep.equal([`amount of coupon ${source.coupon_lines[0].code}`]);
  });

  it('given an unpaid pending order, then it is unpaid; a processing order without date_paid has no payment status', () => {
    expect(mapped(order({ status: 'pending', date_paid_gmt: null, date_paid: null })).paymentStatus).to.equal('unpaid');
    expect(mapped(order({ date_paid_gmt: null, date_paid: null }))).not.to.have.property('paymentStatus');
  });

  const malformed: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a money string that is not a number', { total: 'a lot' }, /^WooCommerce order 727: total must be a decimal amount/],
    ['a negative line total', { line_items: [{ ...order().line_items[0], total: '-4.00' }] }, /line_items\[0\]\.total must not be negative/],
    ['a zero quantity', { line_items: [{ ...order().line_items[0], quantity: 0 }] }, /line_items\[0\]\.quantity must be a positive whole number/],
    ['a line without a name', { line_items: [{ ...order().line_items[0], name: '' }] }, /line_items\[0\]\.name is missing/],
    ['a time with no date', { date_created_gmt: 'yesterday' }, /date_created_gmt must be a UTC time/],
    ['an impossible date', { date_modified_gmt: '2024-02-30T10:00:00' }, /date_modified_gmt must be a UTC time/],
    ['a missing currency', { currency: null }, /currency is missing/],
    ['a currency that is no code', { currency: 'euro' }, /currency must be a three-letter currency code/],
    ['a status with a slash', { status: '../admin' }, /status must be a status slug/],
    ['line_items that are not a list', { line_items: { 0: 'x' } }, /line_items must be an array/],
    ['a coupon without a code', { coupon_lines: [{ id: 1, discount: '1.00' }] }, /coupon_lines\[0\]\.code is missing/],
    ['a fee that is not money', { fee_lines: [{ name: 'Fee', total: 'free' }] }, /fee_lines\[0\]\.total must be a decimal amount/],
    ['a shipping line without a total', { shipping_lines: [{ method_title: 'Flat rate' }] }, /shipping_lines\[0\]\.total is missing/],
    ['billing that is text', { billing: 'Anna' }, /billing must be an object/],
  ];
  for (const [what, overrides, reason] of malformed) {
    it(`given ${what}, then the order is malformed with a reason naming the field and its id kept`, () => {
      const fetched = map(order(overrides));
      expect(fetched.kind).to.equal('malformed');
      expect(fetched.order.externalId).to.equal('727');
      expect(reasonOf(order(overrides))).to.match(reason);
    });
  }

  it('given no id or something that is not an order at all, then it is malformed without an id instead of a crash', () => {
    expect(reasonOf(order({ id: 'x' }))).to.match(/^WooCommerce order without an id: id must be a positive integer id/);
    expect(reasonOf(null)).to.match(/order must be an object/);
    expect(reasonOf([1, 2])).to.match(/order must be an object/);
  });
});

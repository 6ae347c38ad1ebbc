import { expect } from 'chai';
import type { FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import { mapShopifyOrder } from '../../../../src/infrastructure/platforms/shopify/shopifyOrderMapping.js';
import { shopifyOrderJson } from './shopifyOrderFixture.js';

const context = { orderUrl: (id: string) => `https://acme.myshopify.com/admin/orders/${id}` };

const reasonOf = (fetched: FetchedOrder) => (fetched.kind === 'malformed' ? fetched.order : { externalId: 'mapped', reason: 'it was mapped' });

describe('Shopify order mapping', () => {
  it('given a well-formed order, then every field of the port is read from its Shopify field', () => {
    const fetched = mapShopifyOrder(shopifyOrderJson(), context);
    expect(fetched).to.deep.equal({
      kind: 'order',
      order: {
        externalId: '5500000123',
        number: '#1042',
        platformUrl: 'https://acme.myshopify.com/admin/orders/5500000123',
        createdAt: '2024-05-01T08:15:00.000Z',
        updatedAt: '2024-05-01T09:20:30.000Z',
        status: 'paid',
        currency: 'EUR',
        buyer: { firstName: 'Emma', lastName: 'Müller', phone: '+49 151 23456789', email: 'emma.1@example.com' },
        items: [
          {
            name: 'Cotton T-shirt',
            quantity: 2,
            price: 1799,
            sku: 'SH-101-M-BLK',
            externalProductId: '8000000001',
            variant: { parentName: 'Cotton T-shirt', properties: { option1: 'M', option2: 'Black' } },
          },
          { name: 'Ceramic Mug', quantity: 1, price: 1200, sku: 'SH-102', externalProductId: '8000000002' },
        ],
        discounts: [{ name: 'Discount code SPRING10', amount: 500 }],
        delivery: { method: 'Standard Shipping', cost: 490, recipient: 'Anna Becker', address: 'Gartenweg 7, Apt 3, Hamburg, Hamburg, 20095, Germany' },
        total: 6188,
        comment: 'Please ring the bell twice',
        paymentStatus: 'paid',
      },
    });
  });

  it('given a guest checkout without a customer, then the buyer comes from the billing address and the order e-mail', () => {
    const fetched = mapShopifyOrder(shopifyOrderJson({ customer: null }), context);
    expect(fetched.kind === 'order' && fetched.order.buyer).to.deep.equal({ firstName: 'Emma', lastName: 'Müller', phone: '+49 151 00000000', email: 'emma.1@example.com' });
  });

  it('given a point-of-sale order naming nobody and shipping nothing, then it has no buyer and no delivery', () => {
    const fetched = mapShopifyOrder(shopifyOrderJson({ customer: null, billing_address: null, shipping_address: null, shipping_lines: [], email: null }), context);
    expect(fetched.kind).to.equal('order');
    if (fetched.kind !== 'order') return;
    expect(fetched.order).not.to.have.property('buyer');
    expect(fetched.order).not.to.have.property('delivery');
  });

  it('given a variant without its own SKU, then it is a plain product with the variant in its description', () => {
    const [line] = shopifyOrderJson().line_items as Record<string, unknown>[];
    const fetched = mapShopifyOrder(shopifyOrderJson({ line_items: [{ ...line, sku: '' }] }), context);
    expect(fetched.kind === 'order' && fetched.order.items[0]).to.deep.equal({ name: 'Cotton T-shirt', quantity: 2, price: 1799, externalProductId: '8000000001', description: 'M / Black' });
  });

  const malformed: Array<[string, Record<string, unknown>, string | undefined, RegExp]> = [
    ['no id', { id: null }, undefined, /without an id: id must be a positive integer id/],
    ['money as a word', { total_price: 'a lot' }, '5500000123', /total_price must be a decimal amount/],
    ['a time without a zone', { created_at: '2024-05-01 10:15:00' }, '5500000123', /created_at must be an ISO 8601 time with a zone/],
    ['no currency', { currency: null }, '5500000123', /currency is missing/],
    ['a currency that is not a code', { currency: 'euro' }, '5500000123', /currency must be a three-letter ISO 4217 code/],
    ['line_items not a list', { line_items: { sku: 'x' } }, '5500000123', /line_items must be an array/],
    ['a negative quantity', { line_items: [{ title: 'Mug', quantity: -2, price: '1.00' }] }, '5500000123', /line_items\[0\]\.quantity must not be negative/],
    ['a fractional quantity', { line_items: [{ title: 'Mug', quantity: 1.5, price: '1.00' }] }, '5500000123', /line_items\[0\]\.quantity must be a whole number/],
    ['a line without a name', { line_items: [{ quantity: 1, price: '1.00' }] }, '5500000123', /line_items\[0\]\.name is missing/],
    ['a discount bigger than the line', { line_items: [{ title: 'Mug', quantity: 1, price: '1.00', total_discount: '2.00' }] }, '5500000123', /total_discount is more than the line is worth/],
    ['a shipping price as a number word', { shipping_lines: [{ title: 'Express', price: 'free' }] }, '5500000123', /shipping_lines\[0\]\.price must be a decimal amount/],
    ['a discount code without an amount', { discount_codes: [{ code: 'X' }] }, '5500000123', /discount_codes\[0\]\.amount is missing/],
    ['a customer that is a string', { customer: 'Emma' }, '5500000123', /customer must be an object/],
  ];
  for (const [given, overrides, externalId, reason] of malformed) {
    it(`given an order with ${given}, then it is malformed with a reason naming the field`, () => {
      const fetched = mapShopifyOrder(shopifyOrderJson(overrides), context);
      expect(fetched.kind).to.equal('malformed');
      expect(reasonOf(fetched).externalId).to.equal(externalId);
      expect(reasonOf(fetched).reason).to.match(reason).and.to.match(/^Shopify order /);
    });
  }

  it("given line item properties in a webhook, then the buyer's ones are kept in the item description and hidden ones (_name) are not", () => {
    const [, mug] = shopifyOrderJson().line_items as Record<string, unknown>[];
    const properties = [{ name: 'Engraving', value: 'For Anna' }, { name: '_gift_wrap_id', value: '9' }];
    const fetched = mapShopifyOrder(shopifyOrderJson({ line_items: [{ ...mug, properties }] }), context);
    expect(fetched.kind === 'order' && fetched.order.items[0].description).to.equal('Engraving: For Anna');
  });

  it('given something that is not an object at all, then it is malformed without an id', () => {
    expect(mapShopifyOrder('<html>', context)).to.deep.equal({ kind: 'malformed', order: { externalId: undefined, reason: 'Shopify order without an id: order must be an object, got "<html>"' } });
  });
});

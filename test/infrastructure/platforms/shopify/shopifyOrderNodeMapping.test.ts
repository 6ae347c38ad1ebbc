import { expect } from 'chai';
import type { FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import { mapShopifyOrder } from '../../../../src/infrastructure/platforms/shopify/shopifyOrderMapping.js';
import { mapShopifyOrderNode } from '../../../../src/infrastructure/platforms/shopify/shopifyOrderNodeMapping.js';
import { shopifyOrderJson, shopifyOrderNodeJson } from './shopifyOrderFixture.js';

const context = { orderUrl: (id: string) => `https://acme.myshopify.com/admin/orders/${id}` };
const map = (node: unknown, lines?: unknown[]) => mapShopifyOrderNode(node, lines, context);
const orderOf = (fetched: FetchedOrder) => {
  if (fetched.kind !== 'order') throw new Error(`expected an order, got: ${fetched.order.reason}`);
  return fetched.order;
};
const reasonOf = (fetched: FetchedOrder) => (fetched.kind === 'malformed' ? fetched.order : { externalId: 'mapped', reason: 'it was mapped' });
const line = (overrides: Record<string, unknown>) => ({ ...(shopifyOrderNodeJson().lineItems as { nodes: Record<string, unknown>[] }).nodes[1], ...overrides });

describe('Shopify order mapping from the GraphQL Admin API', () => {
  it('given an Order node, then it maps to the same order as the webhook JSON of that order, under its numeric id', () => {
    expect(map(shopifyOrderNodeJson())).to.deep.equal(mapShopifyOrder(shopifyOrderJson(), context));
    expect(orderOf(map(shopifyOrderNodeJson()))).to.include({ externalId: '5500000123', platformUrl: 'https://acme.myshopify.com/admin/orders/5500000123', total: 6188, status: 'paid' });
  });

  it('given the line items fetched beyond the first page, then those are the items', () => {
    const lines = Array.from({ length: 7 }, (_, index) => line({ title: `Mug ${index + 1}`, sku: `MUG-${index + 1}` }));
    expect(orderOf(map(shopifyOrderNodeJson(), lines)).items.map((item) => item.sku)).to.deep.equal(['MUG-1', 'MUG-2', 'MUG-3', 'MUG-4', 'MUG-5', 'MUG-6', 'MUG-7']);
  });

  it("given a line's custom attributes, then the buyer's ones are kept in its description and the shop's hidden ones (_key) are not", () => {
    const engraved = line({ customAttributes: [{ key: 'Engraving', value: 'For Anna' }, { key: '_bundle_id', value: '77' }, { key: 'Gift note', value: ' Happy birthday ' }] });
    expect(orderOf(map(shopifyOrderNodeJson({ lineItems: { nodes: [engraved], pageInfo: { hasNextPage: false } } }))).items[0]).to.deep.equal({
      name: 'Ceramic Mug',
      quantity: 1,
      price: 1200,
      sku: 'SH-102',
      externalProductId: '8000000002',
      description: 'Engraving: For Anna; Gift note: Happy birthday',
    });
  });

  it('given an order in yen, then 1500 JPY is 1500 minor units', () => {
    const yen = { shopMoney: { amount: '1500.0' } };
    const order = orderOf(map(shopifyOrderNodeJson({ currencyCode: 'JPY', totalPriceSet: yen, cartDiscountAmountSet: null, shippingLines: { nodes: [] }, lineItems: { nodes: [line({ discountedTotalSet: yen })] } })));
    expect(order).to.deep.include({ currency: 'JPY', total: 1500, discounts: [] });
    expect(order.items[0].price).to.equal(1500);
  });

  it('given an automatic discount without a code, then it is one discount named so', () => {
    expect(orderOf(map(shopifyOrderNodeJson({ discountCodes: [] }))).discounts).to.deep.equal([{ name: 'Discount', amount: 500 }]);
  });

  it('given a guest without a customer record, then the buyer comes from the billing address and the order e-mail', () => {
    expect(orderOf(map(shopifyOrderNodeJson({ customer: null }))).buyer).to.deep.equal({ firstName: 'Emma', lastName: 'Müller', phone: '+49 151 00000000', email: 'emma.1@example.com' });
  });

  const malformed: Array<[string, Record<string, unknown>, string | undefined, RegExp]> = [
    ['an id that is no Order gid', { id: 'order-1' }, undefined, /without an id: id must be a positive integer id/],
    ['money as a word', { totalPriceSet: { shopMoney: { amount: 'a lot' } } }, '5500000123', /totalPriceSet\.shopMoney\.amount must be a decimal amount, got "a lot"/],
    ['a time without a zone', { createdAt: '2024-05-01 10:15:00' }, '5500000123', /createdAt must be an ISO 8601 time with a zone/],
    ['a currency that is not a code', { currencyCode: 'euro' }, '5500000123', /currencyCode must be a three-letter ISO 4217 code/],
    ['a negative quantity', { lineItems: { nodes: [line({ quantity: -2 })] } }, '5500000123', /lineItems\[0\]\.quantity must not be negative/],
    ['a line without a name', { lineItems: { nodes: [line({ title: null, name: null })] } }, '5500000123', /lineItems\[0\]\.name is missing/],
    ['a shipping price as a word', { shippingLines: { nodes: [{ title: 'Express', originalPriceSet: { shopMoney: { amount: 'free' } } }] } }, '5500000123', /shippingLines\[0\]\.originalPriceSet\.shopMoney\.amount must be a decimal amount/],
    ['a financial status that is no status word', { displayFinancialStatus: 'PAID; DROP' }, '5500000123', /displayFinancialStatus is not a Shopify financial status/],
  ];
  for (const [given, overrides, externalId, reason] of malformed) {
    it(`given an order node with ${given}, then it is malformed with a reason naming the field`, () => {
      const fetched = map(shopifyOrderNodeJson(overrides));
      expect(fetched.kind).to.equal('malformed');
      expect(reasonOf(fetched).externalId).to.equal(externalId);
      expect(reasonOf(fetched).reason).to.match(reason).and.to.match(/^Shopify order /);
    });
  }
});

import { expect } from 'chai';
import { derivedStatus, nodeStatusFacts, paymentStatusOf, SHOPIFY_STATUSES, webhookStatusFacts } from '../../../../src/infrastructure/platforms/shopify/shopifyStatus.js';

/** The status of an order as webhooks carry it (REST field names). */
const shopifyStatusOf = (order: Record<string, unknown>) => derivedStatus(webhookStatusFacts(order));
const shopifyPaymentStatusOf = (order: Record<string, unknown>) => paymentStatusOf(webhookStatusFacts(order));
import { MalformedFieldError } from '../../../../src/infrastructure/platforms/payload/payloadFields.js';

const AT = '2024-05-01T12:00:00+02:00';

describe('Shopify status derivation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['cancelled_at set wins over everything', { cancelled_at: AT, closed_at: AT, fulfillment_status: 'fulfilled', financial_status: 'refunded' }, 'cancelled'],
    ['closed_at set (archived) wins over fulfilment', { closed_at: AT, fulfillment_status: 'fulfilled', financial_status: 'paid' }, 'closed'],
    ['fulfilled', { fulfillment_status: 'fulfilled', financial_status: 'paid' }, 'fulfilled'],
    ['partial fulfilment', { fulfillment_status: 'partial', financial_status: 'paid' }, 'partially_fulfilled'],
    ['unfulfilled and paid', { fulfillment_status: null, financial_status: 'paid' }, 'paid'],
    ['pending payment', { financial_status: 'pending' }, 'pending'],
    ['authorized', { financial_status: 'authorized' }, 'authorized'],
    ['partially paid', { financial_status: 'partially_paid' }, 'partially_paid'],
    ['refunded', { financial_status: 'refunded' }, 'refunded'],
    ['partially refunded', { financial_status: 'partially_refunded' }, 'partially_refunded'],
    ['voided', { financial_status: 'voided' }, 'voided'],
    ['no financial status at all', { financial_status: null }, 'pending'],
    ['a financial status Shopify adds later passes through', { financial_status: 'expired' }, 'expired'],
    ['restocked fulfilment falls back to payment', { fulfillment_status: 'restocked', financial_status: 'refunded' }, 'refunded'],
  ];
  for (const [given, order, status] of cases) {
    it(`given ${given}, then the status is ${status}`, () => {
      expect(shopifyStatusOf(order)).to.equal(status);
    });
  }

  it('given the derived statuses, then statuses() lists every value the table can produce, once', () => {
    const ids = SHOPIFY_STATUSES.map((status) => status.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const [, order, status] of cases.filter(([given]) => !given.includes('later'))) expect(ids, status).to.include(shopifyStatusOf(order));
  });

  it('given a financial status that is not a status word, then it is malformed and names the field', () => {
    expect(() => shopifyStatusOf({ financial_status: 'paid; DROP TABLE' })).to.throw(MalformedFieldError, /financial_status/);
  });

  it('given each financial status, then the payment status follows it', () => {
    const payment = (financial_status: unknown) => shopifyPaymentStatusOf({ financial_status });
    expect([payment('paid'), payment('partially_refunded'), payment('partially_paid'), payment('pending'), payment('authorized'), payment('refunded'), payment('voided'), payment(null)]).to.deep.equal([
      'paid',
      'paid',
      'partly_paid',
      'unpaid',
      'unpaid',
      'unpaid',
      'unpaid',
      undefined,
    ]);
  });

  describe('from a GraphQL Order node', () => {
    const nodeCases: Array<[string, Record<string, unknown>, string]> = [
      ['cancelledAt set wins over everything', { cancelledAt: '2024-05-01T10:00:00Z', closedAt: '2024-05-01T10:00:00Z', displayFulfillmentStatus: 'FULFILLED', displayFinancialStatus: 'REFUNDED' }, 'cancelled'],
      ['closedAt set (archived) wins over fulfilment', { closedAt: '2024-05-01T10:00:00Z', displayFulfillmentStatus: 'FULFILLED', displayFinancialStatus: 'PAID' }, 'closed'],
      ['FULFILLED', { displayFulfillmentStatus: 'FULFILLED', displayFinancialStatus: 'PAID' }, 'fulfilled'],
      ['PARTIALLY_FULFILLED', { displayFulfillmentStatus: 'PARTIALLY_FULFILLED', displayFinancialStatus: 'PAID' }, 'partially_fulfilled'],
      ['UNFULFILLED and PARTIALLY_REFUNDED', { displayFulfillmentStatus: 'UNFULFILLED', displayFinancialStatus: 'PARTIALLY_REFUNDED' }, 'partially_refunded'],
      ['RESTOCKED falls back to payment', { displayFulfillmentStatus: 'RESTOCKED', displayFinancialStatus: 'VOIDED' }, 'voided'],
      ['no financial status at all', { displayFulfillmentStatus: 'UNFULFILLED', displayFinancialStatus: null }, 'pending'],
    ];
    for (const [given, order, status] of nodeCases) {
      it(`given ${given}, then the status is ${status}, as for the same order from a webhook`, () => {
        expect(derivedStatus(nodeStatusFacts(order))).to.equal(status);
      });
    }

    it('given PARTIALLY_PAID and EXPIRED, then the payment statuses are partly paid and unpaid', () => {
      expect(paymentStatusOf(nodeStatusFacts({ displayFulfillmentStatus: 'UNFULFILLED', displayFinancialStatus: 'PARTIALLY_PAID' }))).to.equal('partly_paid');
      expect(paymentStatusOf(nodeStatusFacts({ displayFulfillmentStatus: 'UNFULFILLED', displayFinancialStatus: 'EXPIRED' }))).to.equal('unpaid');
    });
  });
});

import { expect } from 'chai';
import { DEFAULT_SETTINGS } from '../../../src/domain/integration/integrationSettings.js';
import { receivePlatformOrder, type IncomingPlatformOrder } from '../../../src/domain/order/platformOrderIntake.js';
import { at, delivery, facts, shirt } from './orderFixtures.js';

const platformOrder: IncomingPlatformOrder = {
  externalId: '1001',
  number: '1001',
  platformUrl: 'https://acme.keycrm.app/app/orders/view/1001',
  createdAt: '2026-10-31T09:00:00.000Z',
  updatedAt: '2026-10-31T09:30:00.000Z',
  status: '1',
  currency: 'UAH',
  managerId: '7',
  sourceNumber: 'WS-10001',
  discounts: [
    { name: 'Loyalty', amount: 2_000 },
    { name: 'Coupon', amount: 500 },
  ],
  delivery,
  total: 94_500,
  comment: 'Call first',
};
const settings = {
  ...DEFAULT_SETTINGS,
  storeName: 'Kyiv shop',
  managerUsers: [{ platform: '7', local: 'iryna' }],
  sourceNumberInComment: true,
  returnStatus: '3',
  paymentAccount: 'PrivatBank UA21 3052 9900 0002 6007 2335 6600 1',
};
const found = { orderId: 'o1', integrationId: 'i1', customer: facts.customer, items: [shirt], status: 'new', at };

describe('Platform order intake: the platform\'s facts bound to the integration\'s rules', () => {
  it('given a platform order and what the import found, when the command is made, then every fact is carried with the rules applied', () => {
    // The fixture's facts are those of this platform order, save what the rules make of it.
    expect(receivePlatformOrder(platformOrder, settings, found)).to.deep.equal({
      type: 'ReceivePlatformOrder',
      data: {
        ...facts,
        platformUpdatedAt: '2026-10-31T09:30:00.000Z',
        responsibleUser: 'iryna',
        paymentAccount: 'PrivatBank UA21 3052 9900 0002 6007 2335 6600 1',
        discounts: platformOrder.discounts,
        discountTotal: 2_500,
        total: 94_500,
        comment: 'Source order WS-10001\nCall first',
        regressionGuard: DEFAULT_SETTINGS.regressionGuard,
        returnStatus: '3',
        missing: [],
      },
    });
  });

  it('given an integration with a payment account, then the imported order names it for its documents; none without', () => {
    expect(receivePlatformOrder(platformOrder, settings, found).data.paymentAccount).to.equal('PrivatBank UA21 3052 9900 0002 6007 2335 6600 1');
    expect(receivePlatformOrder(platformOrder, { ...settings, paymentAccount: null }, found).data.paymentAccount).to.equal(null);
  });

  it('given a platform order without delivery or discounts, when the command is made, then delivery is null and the discount total 0', () => {
    const { data } = receivePlatformOrder({ ...platformOrder, delivery: undefined, discounts: [] }, settings, found);
    expect(data).to.include({ delivery: null, discountTotal: 0 });
  });
});

import { expect } from 'chai';
import { currencyRefusal } from '../../../src/domain/order/currencyRule.js';

const kyivShop = { storeName: 'Kyiv shop', currency: 'UAH' };

describe('Currency rule: an order counts only in the store currency', () => {
  it('given a store selling in UAH, when an order in UAH arrives, then it is accepted', () => {
    expect(currencyRefusal('UAH', kyivShop)).to.equal(null);
  });

  it('given a store selling in UAH, when an order in EUR arrives, then it is refused with a reason naming both currencies and the store', () => {
    expect(currencyRefusal('EUR', kyivShop)).to.equal('the order is in EUR but the store Kyiv shop sells in UAH');
  });

  it('given a store selling in UAH, when an order in lower-case uah arrives, then it is refused: codes are compared as written', () => {
    expect(currencyRefusal('uah', kyivShop)).to.equal('the order is in uah but the store Kyiv shop sells in UAH');
  });
});

import { expect } from 'chai';
import { onTestAllowList } from '../../../src/domain/order/testAllowList.js';

describe('Test allow-list: a first sync tried with one product', () => {
  it('given no allow-list, when any order is judged, then it may be imported', () => {
    expect(onTestAllowList(null, [])).to.equal(true);
    expect(onTestAllowList(null, [{ sku: 'ANY' }])).to.equal(true);
  });

  it('given an allow-list, when an order holds a listed article among others, then it may be imported', () => {
    expect(onTestAllowList(['ONLY-THIS'], [{ sku: 'TS' }, { sku: 'ONLY-THIS' }])).to.equal(true);
  });

  it('given an allow-list, when no article of the order is listed, then it may not', () => {
    expect(onTestAllowList(['ONLY-THIS'], [{ sku: 'TS' }])).to.equal(false);
  });

  it('given an allow-list, when the order items have no article, then it may not', () => {
    expect(onTestAllowList(['ONLY-THIS'], [{}, { sku: '' }])).to.equal(false);
    expect(onTestAllowList([''], [{ sku: '' }])).to.equal(false);
  });
});

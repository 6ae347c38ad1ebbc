import { expect } from 'chai';
import { importedLine } from '../../../src/domain/order/importedLines.js';

describe('Imported lines are non-deductible', () => {
  it('given a platform item and its product, when it becomes an order line, then it keeps quantity and price and moves no stock', () => {
    expect(importedLine({ sku: 'TS', name: 'T-shirt', quantity: 3, price: 45_000 }, { productId: 'p1', isService: false })).to.deep.equal({
      productId: 'p1', sku: 'TS', name: 'T-shirt', quantity: 3, price: 45_000, kind: 'product', deductible: false,
    });
  });

  it('given an item of a service product without an article, when it becomes an order line, then it is a service line with an empty article', () => {
    expect(importedLine({ name: 'Gift wrap', quantity: 1, price: 5_000 }, { productId: 'p2', isService: true })).to.include({
      sku: '', kind: 'service', deductible: false,
    });
  });
});

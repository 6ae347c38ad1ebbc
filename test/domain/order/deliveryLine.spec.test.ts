import { expect } from 'chai';
import { deliveryCharge, deliveryLine } from '../../../src/domain/order/deliveryLine.js';

const deliveryItem = { sku: 'DELIVERY', name: 'Delivery' };

describe('Delivery cost as a service line', () => {
  it('given a delivery with a cost, when the order lines are made, then the delivery item is charged once at that cost', () => {
    const charge = deliveryCharge({ cost: 7_000 }, deliveryItem);
    expect(charge).to.deep.equal({ sku: 'DELIVERY', name: 'Delivery', quantity: 1, price: 7_000 });
    expect(deliveryLine(charge!, 'p-delivery')).to.deep.equal({
      productId: 'p-delivery', sku: 'DELIVERY', name: 'Delivery', quantity: 1, price: 7_000, kind: 'service', deductible: false,
    });
  });

  it('given free delivery or none, when the order lines are made, then there is no delivery line', () => {
    expect(deliveryCharge({ cost: 0 }, deliveryItem)).to.equal(null);
    expect(deliveryCharge(undefined, deliveryItem)).to.equal(null);
    expect(deliveryCharge(null, deliveryItem)).to.equal(null);
  });
});

import { expect } from 'chai';
import { orderComment } from '../../../src/domain/order/sourceNumberComment.js';

describe('Source order number in the comment', () => {
  it('given the flag on, when an order with a source number and a comment arrives, then the source number comes first', () => {
    expect(orderComment(true, 'WS-10001', 'Call first')).to.equal('Source order WS-10001\nCall first');
  });

  it('given the flag on, when an order has a source number and no comment, then the comment is the source number alone', () => {
    expect(orderComment(true, 'WS-10001', undefined)).to.equal('Source order WS-10001');
  });

  it('given the flag off, when an order with a source number arrives, then the comment is the platform\'s', () => {
    expect(orderComment(false, 'WS-10001', 'Call first')).to.equal('Call first');
  });

  it('given the flag on, when the order has no source number, then the comment is the platform\'s, or empty', () => {
    expect(orderComment(true, undefined, 'Call first')).to.equal('Call first');
    expect(orderComment(true, undefined, undefined)).to.equal('');
  });
});

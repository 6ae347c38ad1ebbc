import { expect } from 'chai';
import { defaultContactCustomer, defaultContactId } from '../../../src/domain/order/defaultContact.js';
import { NoBuyerError } from '../../../src/domain/order/noBuyerError.js';
import { DomainError } from '../../../src/domain/shared/errors.js';

const desk = { exists: true as const, contactId: 'c-desk', firstName: 'Front', lastName: 'Desk', phone: '+380441234567', email: 'desk@example.com' };

describe('Default contact: the customer of a platform order without a buyer', () => {
  it('given a default contact, when an order without a buyer arrives, then the default contact is its customer', () => {
    expect(defaultContactId('c-desk')).to.equal('c-desk');
    expect(defaultContactCustomer('c-desk', desk)).to.deep.equal({
      contactId: 'c-desk', firstName: 'Front', lastName: 'Desk', phone: '+380441234567', email: 'desk@example.com',
    });
  });

  it('given no default contact, when an order without a buyer arrives, then it is refused with a reason a person can act on', () => {
    expect(() => defaultContactId(null)).to.throw(NoBuyerError, 'the order has no buyer and the integration has no default contact');
  });

  it('given a default contact that does not exist, when an order without a buyer arrives, then it is refused naming the contact', () => {
    expect(() => defaultContactCustomer('c-gone', { exists: false })).to.throw(NoBuyerError, 'the order has no buyer and the default contact c-gone does not exist');
  });

  it('given the refusal, then it is a domain error, so the order is rejected and the run goes on', () => {
    expect(new NoBuyerError('x')).to.be.instanceOf(DomainError);
  });
});

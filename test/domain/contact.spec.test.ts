import { expect } from 'chai';
import { contactDecider } from '../../src/domain/contact/contactDecider.js';
import type { ContactEvent } from '../../src/domain/contact/contactEvents.js';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import { InvalidStateError, InvalidValueError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';

const spec = DeciderSpecification.for(contactDecider);
const at = '2026-11-01T10:00:00.000Z';
const olena = { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380 67 123-45-67', email: 'olena@example.com' };
const registered: ContactEvent = {
  type: 'ContactRegistered',
  data: { ...olena, phone: '+380671234567', registeredAt: at },
};

describe('Contact', () => {
  it('given a phone written in any format, then it is reduced to its digits so the same number is the same contact', () => {
    expect(normalisePhone('+380 (67) 123-45-67')).to.equal('+380671234567');
    expect(normalisePhone('380671234567')).to.equal('+380671234567');
    expect(normalisePhone('067 123 45 67')).to.equal('0671234567');
    expect(() => normalisePhone('12-34')).to.throw(InvalidValueError, /phone/);
  });

  it('given no contact, when a buyer is recorded, then the contact is registered with a normalised phone', () => {
    spec.given([]).when({ type: 'RecordBuyer', data: { ...olena, at } }).then([registered]);
  });

  it('given a contact, when the same buyer is recorded again, then nothing happens', () => {
    spec.given([registered]).when({ type: 'RecordBuyer', data: { ...olena, at } }).thenNothing();
  });

  it('given a contact, when the buyer comes with a new e-mail, then only the e-mail is updated', () => {
    spec
      .given([registered])
      .when({ type: 'RecordBuyer', data: { ...olena, email: 'o.koval@example.com', at } })
      .then([{ type: 'ContactUpdated', data: { changes: { email: 'o.koval@example.com' }, updatedAt: at } }]);
  });

  it('given a contact, when the buyer comes without an e-mail, then the stored e-mail is kept', () => {
    spec.given([registered]).when({ type: 'RecordBuyer', data: { ...olena, email: '', at } }).thenNothing();
  });

  it('given a contact, when it is registered again, then that is refused', () => {
    spec.given([registered]).when({ type: 'RegisterContact', data: { ...olena, at } }).thenThrows(InvalidStateError);
  });

  it('given no contact, when it is updated, then that is refused', () => {
    spec.given([]).when({ type: 'UpdateContact', data: { email: 'x@example.com', at } }).thenThrows(InvalidStateError);
  });

  it('given a buyer with an invalid e-mail, when recorded, then the field is named', () => {
    spec
      .given([])
      .when({ type: 'RecordBuyer', data: { ...olena, email: 'not-an-email', at } })
      .thenThrows(InvalidValueError, /email/);
  });

  it('given a buyer with nothing to identify them, when recorded, then that is refused', () => {
    spec
      .given([])
      .when({ type: 'RecordBuyer', data: { contactId: 'c2', firstName: '', lastName: '', phone: '', email: '', at } })
      .thenThrows(InvalidValueError, /contact/);
  });
});

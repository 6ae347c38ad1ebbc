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
  it('given a phone written in any format, then it is kept in E.164 so the same number is the same contact', () => {
    expect(normalisePhone('+380 (67) 123-45-67')).to.equal('+380671234567');
    expect(normalisePhone('380671234567')).to.equal('+380671234567');
    expect(normalisePhone('00380 67 123 45 67')).to.equal('+380671234567');
    expect(normalisePhone('067 123 45 67', 'phone', 'UA')).to.equal('+380671234567');
    expect(normalisePhone('(415) 555-1234', 'phone', 'US')).to.equal('+14155551234');
    expect(() => normalisePhone('067 123 45 67'), 'a national number needs its country').to.throw(InvalidValueError, /^phone: .*country code/);
    expect(() => normalisePhone('12-34', 'phone', 'UA')).to.throw(InvalidValueError, /phone/);
  });

  it('given one national number read in two countries, then each reading is that country\'s number, however often it is read', () => {
    for (let round = 0; round < 2; round++) {
      expect(normalisePhone('06 12 34 56 78', 'phone', 'FR')).to.equal('+33612345678');
      expect(normalisePhone('06 12 34 56 78', 'phone', 'NL')).to.equal('+31612345678');
      expect(() => normalisePhone('06 12 34 56 78'), 'without a country').to.throw(InvalidValueError, /country code/);
    }
  });

  it('given no contact, when a buyer is recorded, then the contact is registered with a normalised phone', () => {
    spec.given([]).when({ type: 'RecordBuyer', data: { ...olena, at } }).then([registered]);
  });

  it('given a contact, when the same buyer is recorded again, then nothing happens', () => {
    spec.given([registered]).when({ type: 'RecordBuyer', data: { ...olena, at } }).thenNothing();
  });

  it('given a contact, when the buyer comes with another name and e-mail, then the contact keeps its own (an order never renames it)', () => {
    spec
      .given([registered])
      .when({ type: 'RecordBuyer', data: { ...olena, firstName: 'Test', lastName: 'Local', email: 'o.koval@example.com', at } })
      .thenNothing();
  });

  it('given a contact without e-mail and last name, when the buyer comes with them, then only those blanks are filled', () => {
    const bare: ContactEvent = { type: 'ContactRegistered', data: { ...registered.data, lastName: '', email: '' } };
    spec
      .given([bare])
      .when({ type: 'RecordBuyer', data: { ...olena, firstName: 'Olenka', email: 'o.koval@example.com', at } })
      .then([{ type: 'ContactUpdated', data: { changes: { lastName: 'Koval', email: 'o.koval@example.com' }, updatedAt: at } }]);
  });

  it('given a contact, when an admin updates it, then its details are changed', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateContact', data: { email: 'o.koval@example.com', at } })
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

  describe('a buyer key linked to a contact of an older key (re-keying)', () => {
    const linked: ContactEvent = { type: 'ContactKeyLinked', data: { contactId: 'c-legacy', at } };

    it('given a key no contact holds, when linked, then it leads to the contact', () => {
      spec.given([]).when({ type: 'LinkContactKey', data: { contactId: 'c-legacy', at } }).then([linked]);
    });

    it('given a linked key, when linked to the same contact again, then nothing happens; to another, that is refused', () => {
      spec.given([linked]).when({ type: 'LinkContactKey', data: { contactId: 'c-legacy', at } }).thenNothing();
      spec.given([linked]).when({ type: 'LinkContactKey', data: { contactId: 'c-other', at } }).thenThrows(InvalidStateError);
    });

    it('given a linked key, when a buyer is recorded on it, then that is refused: the buyer belongs to the linked contact', () => {
      spec.given([linked]).when({ type: 'RecordBuyer', data: { ...olena, at } }).thenThrows(InvalidStateError, /c-legacy/);
    });

    it('given a key a contact is registered under, when linked elsewhere, then that is refused', () => {
      spec.given([registered]).when({ type: 'LinkContactKey', data: { contactId: 'c-legacy', at } }).thenThrows(InvalidStateError);
    });
  });
});

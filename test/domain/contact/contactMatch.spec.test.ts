import { expect } from 'chai';
import { buyerIdentity, phoneCountry } from '../../../src/domain/contact/contactMatch.js';
import { NoBuyerError } from '../../../src/domain/order/noBuyerError.js';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';

describe('Contact match by phone: one contact per phone number', () => {
  it('given one phone written two ways, when two buyers are matched, then they are one contact', () => {
    const a = buyerIdentity({ phone: '+380 67 123-45-67', email: 'olena@example.com' });
    const b = buyerIdentity({ phone: '380671234567', email: 'other@example.com' });
    expect(a).to.deep.equal({ identity: 'phone:380671234567', phone: '+380671234567' });
    expect(b.identity).to.equal(a.identity);
  });

  it('given two buyers with different phones and one e-mail, when matched, then they are two contacts', () => {
    const a = buyerIdentity({ phone: '+380671234567', email: 'family@example.com' });
    const b = buyerIdentity({ phone: '+380501234567', email: 'family@example.com' });
    expect(a.identity).to.not.equal(b.identity);
  });

  it('given a buyer without a phone, when matched, then the e-mail decides, case and spaces aside', () => {
    expect(buyerIdentity({ phone: ' ', email: ' Olena@Example.com ' })).to.deep.equal({ identity: 'email:olena@example.com', phone: '' });
  });

  it('given a buyer with neither phone nor e-mail, when matched, then the buyer cannot be told apart and is refused', () => {
    expect(() => buyerIdentity({ phone: '', email: '' })).to.throw(NoBuyerError, 'the buyer has neither a phone nor an e-mail');
  });

  it('given a phone with too few digits, when matched, then it is refused naming buyer.phone', () => {
    expect(() => buyerIdentity({ phone: '12', email: 'a@example.com' })).to.throw(InvalidValueError, /^buyer\.phone/);
  });

  it('given one US buyer writing their number three ways, with a US address, when matched, then they are one contact in E.164', () => {
    const spellings = ['+1 (415) 555-1234', '(415) 555-1234', '4155551234'].map((phone) => buyerIdentity({ phone, email: '', country: 'US' }, 'UA'));
    expect(spellings.map((buyer) => buyer.phone)).to.deep.equal(['+14155551234', '+14155551234', '+14155551234']);
    expect(new Set(spellings.map((buyer) => buyer.identity))).to.deep.equal(new Set(['phone:14155551234']));
  });

  it('given a national number and no address, when matched, then it is read in the store\'s country', () => {
    expect(buyerIdentity({ phone: '0509192229', email: '' }, 'UA')).to.deep.equal({ identity: 'phone:380509192229', phone: '+380509192229' });
    expect(buyerIdentity({ phone: '+380509192229', email: '' }, 'UA').identity).to.equal('phone:380509192229');
  });

  it('given a national number, no address and a store without a country, when matched, then it is refused naming buyer.phone', () => {
    expect(() => buyerIdentity({ phone: '0509192229', email: 'a@example.com' }, null)).to.throw(InvalidValueError, /^buyer\.phone: .*country code/);
  });

  it('given the address\'s country and the store\'s, then the address decides, else the store', () => {
    expect(phoneCountry('us', 'UA')).to.equal('US');
    expect(phoneCountry(' ', 'UA')).to.equal('UA');
    expect(phoneCountry(undefined, null)).to.equal(undefined);
  });
});

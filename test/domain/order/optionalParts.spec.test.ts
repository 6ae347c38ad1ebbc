import { expect } from 'chai';
import { feedEntry } from '../../../src/application/projections/orderFeed.js';
import { missingParts } from '../../../src/domain/order/optionalParts.js';
import { orderDecider } from '../../../src/domain/order/orderDecider.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { receive } from './orderFixtures.js';

const customer = { contactId: 'c1', firstName: 'Anna', lastName: 'Müller', phone: '+49309123456', email: 'anna@example.com' };
const spec = DeciderSpecification.for(orderDecider);

describe('Optional parts: an order is imported without them, and its feed says what was missing', () => {
  it('given a delivery address without a shipping line (no method), then the delivery method is named as missing', () => {
    const delivery = { method: '', cost: 0, recipient: 'Anna Müller', address: 'Hauptstraße 1, Berlin' };
    expect(missingParts({ delivery }, customer)).to.deep.equal(['delivery method']);
  });

  it('given a buyer without e-mail, last name and phone, then each is named', () => {
    expect(missingParts({}, { ...customer, lastName: ' ', phone: '', email: '' })).to.deep.equal(['buyer e-mail', 'buyer last name', 'buyer phone']);
  });

  it('given what the adapter could not read and did without, then it comes first, once', () => {
    expect(missingParts({ missing: ['amount of coupon spring10', 'amount of coupon spring10'] }, customer)).to.deep.equal(['amount of coupon spring10']);
  });

  it('given a complete order, then nothing is missing', () => {
    expect(missingParts({ delivery: { method: 'Flat rate', cost: 590, recipient: '', address: '' } }, customer)).to.deep.equal([]);
  });

  it('given a platform order whose delivery has no method, when received, then it is imported with that delivery, not refused', () => {
    const delivery = { method: '', cost: 0, recipient: 'Anna Müller', address: 'Hauptstraße 1, Berlin' };
    const command = receive({ delivery, missing: ['delivery method'] });
    spec.given([]).when(command).then([{ type: 'OrderImported', data: { ...withoutRules(command.data), syncedAt: command.data.at } }]);
    const [imported] = orderDecider.decide(command, orderDecider.initialState());
    expect(feedEntry(imported, 'EUR')?.text).to.equal(
      'Imported from Kyiv shop (order 1001); delivery: no delivery method, cost 0.00 EUR, to Anna Müller, Hauptstraße 1, Berlin; came without: delivery method',
    );
  });
});

function withoutRules<T extends { at: string; regressionGuard?: unknown; returnStatus?: unknown }>(data: T) {
  const { at: _, regressionGuard: __, returnStatus: ___, ...facts } = data;
  return facts;
}

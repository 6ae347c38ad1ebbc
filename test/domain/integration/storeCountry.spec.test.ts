import { expect } from 'chai';
import { defaultStoreCountry } from '../../../src/domain/integration/storeCountry.js';

describe('Store country: follows from the currency where one currency means one numbering plan', () => {
  it('given a store selling in hryvnia, then it is in Ukraine', () => {
    expect(defaultStoreCountry('UAH')).to.equal('UA');
  });

  it('given a store selling in US dollars, then it is taken to be in the US (the North American plan reads alike)', () => {
    expect(defaultStoreCountry('USD')).to.equal('US');
  });

  it('given a store selling in a currency of several numbering plans, then it has no country until an admin sets one', () => {
    for (const currency of ['EUR', 'CHF', 'DKK', 'AUD', 'XYZ']) expect(defaultStoreCountry(currency), currency).to.equal(null);
  });
});

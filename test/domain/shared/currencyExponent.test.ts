import { expect } from 'chai';
import { currencyExponent, formatMoney, toMajorUnits, toMinorUnits } from '../../../src/domain/shared/currencyExponent.js';

describe('Money by currency exponent (ISO 4217 minor units)', () => {
  it('given currencies without, with two and with three decimals, then each has its exponent', () => {
    expect(['JPY', 'KRW', 'CLP', 'EUR', 'UAH', 'USD', 'KWD', 'BHD', 'TND', 'CLF'].map(currencyExponent)).to.deep.equal([0, 0, 0, 2, 2, 2, 3, 3, 3, 4]);
  });

  it('given a code in lower case or unknown, then it is read case-insensitively and an unknown code has cents', () => {
    expect(currencyExponent('jpy')).to.equal(0);
    expect(currencyExponent('XYZ')).to.equal(2);
  });

  it('given major units, then minor units are whole: 1500 JPY is 1500, 12.5 EUR is 1250, 1.25 KWD is 1250', () => {
    expect(toMinorUnits(1500, 'JPY')).to.equal(1500);
    expect(toMinorUnits(12.5, 'EUR')).to.equal(1250);
    expect(toMinorUnits(1.25, 'KWD')).to.equal(1250);
    // Binary fractions: 1.005 is 100.4999… cents, yet a person wrote 1.005.
    expect(toMinorUnits(1.005, 'EUR')).to.equal(101);
    expect(toMinorUnits(8844.07, 'UAH')).to.equal(884407);
  });

  it('given minor units, then major units come back as a person reads them', () => {
    expect(toMajorUnits(1500, 'JPY')).to.equal(1500);
    expect(toMajorUnits(1250, 'EUR')).to.equal(12.5);
    expect(toMajorUnits(1250, 'KWD')).to.equal(1.25);
    expect(toMajorUnits(884407, 'UAH')).to.equal(8844.07);
  });

  it('given minor units, then the text shows the currency\'s decimals', () => {
    expect([formatMoney(1500, 'JPY'), formatMoney(1250, 'EUR'), formatMoney(1250, 'KWD')]).to.deep.equal(['1500 JPY', '12.50 EUR', '1.250 KWD']);
  });
});

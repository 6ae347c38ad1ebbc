// How many minor units a currency has (ISO 4217 "minor unit"): money is kept as whole minor units, so 1500 JPY is
// 1500, 12.50 EUR is 1250 and 1.250 KWD is 1250. Every adapter and every presentation reads the exponent here.

/** Currencies whose minor unit is not the cent (10^2): ISO 4217 list one, active codes. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** The number of decimals of the currency's minor unit: 0 for JPY, 3 for KWD, 2 for most (and for unknown codes). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.trim().toUpperCase()] ?? 2;
}

/** An amount in major units (12.5) as whole minor units (1250); toPrecision first so 1.005 EUR rounds to 101 cents. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(Number((amount * 10 ** currencyExponent(currency)).toPrecision(12)));
}

/** Whole minor units as the amount a person reads (1250 → 12.5; 1500 JPY → 1500). */
export function toMajorUnits(minor: number, currency: string): number {
  const exponent = currencyExponent(currency);
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

/** "12.50 EUR", "1500 JPY", "1.250 KWD". */
export function formatMoney(minor: number, currency: string): string {
  return `${toMajorUnits(minor, currency).toFixed(currencyExponent(currency))} ${currency}`;
}

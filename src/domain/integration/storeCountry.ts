// The store's country reads the phones its buyers write without a country code. Left out when a store is connected,
// it follows from the currency where one currency means one numbering plan.

/**
 * Currencies whose stores dial one country code. USD is taken as US: a number written nationally in any country of
 * the North American plan (US, Canada, Puerto Rico…) reads the same with US; a USD store in Ecuador, El Salvador or
 * Panama sets its country. EUR, CHF (Liechtenstein), DKK (Faroes, Greenland), AUD and the like name several plans:
 * no default.
 */
const COUNTRY_OF_CURRENCY: Readonly<Record<string, string>> = {
  UAH: 'UA',
  USD: 'US',
  CAD: 'CA',
  GBP: 'GB',
  PLN: 'PL',
  CZK: 'CZ',
  HUF: 'HU',
  RON: 'RO',
  BGN: 'BG',
  SEK: 'SE',
  NOK: 'NO',
  MDL: 'MD',
  GEL: 'GE',
  KZT: 'KZ',
  TRY: 'TR',
  BRL: 'BR',
  MXN: 'MX',
  JPY: 'JP',
  KRW: 'KR',
};

/** The country a store selling in `currency` is taken to be in; null when the currency does not say. */
export function defaultStoreCountry(currency: string): string | null {
  return COUNTRY_OF_CURRENCY[currency] ?? null;
}

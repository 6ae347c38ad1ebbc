// One number, one spelling: phones are kept in E.164 (+14155551234), read with the numbering plans of libphonenumber-js,
// so "(415) 555-1234" from a US address and "+1 415 555 1234" are the same contact. The library is pure (no I/O, no
// clock): it is the rule itself, the numbering plans as data, used by the domain like a table (README: Contacts).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { InvalidValueError } from '../shared/errors.js';

/** ISO 3166-1 alpha-2, as addresses and the integration's `country` setting write it. */
const COUNTRY = /^[A-Z]{2}$/;

/**
 * The number in E.164, or undefined when the text is no possible phone number. A number written nationally
 * ("0509192229") is read in `country`; a number with a leading + or 00 needs none; digits long enough to carry a
 * country code ("380509192229") are read as international when the country cannot read them.
 */
export function e164(raw: string, country?: string): string | undefined {
  const key = `${country ?? ''}\u001f${raw}`;
  if (readings.has(key)) return readings.get(key);
  const number = readE164(raw, country);
  // Bounded: once full it starts again empty (dropping the oldest one at a time walks a Map's deleted entries).
  if (readings.size >= READINGS_KEPT) readings.clear();
  readings.set(key, number);
  return number;
}

/**
 * Numbers already read, by country and text: reading one takes libphonenumber-js ~12 µs, and an import reads each
 * buyer's number several times per order and the same buyers again and again.
 */
const readings = new Map<string, string | undefined>();
const READINGS_KEPT = 10_000;

function readE164(raw: string, country?: string): string | undefined {
  const text = raw.trim();
  if (!/\d/.test(text) || text.length > 40) return undefined;
  const region = country && COUNTRY.test(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : undefined;
  const read = (candidate: string, within?: CountryCode) => {
    const number = parsePhoneNumberFromString(candidate, within);
    return number?.isPossible() ? number.number : undefined;
  };
  const international = text.replace(/^00/, '+');
  const digits = text.replace(/\D/g, '');
  return read(international, region) ?? (digits.length >= 11 ? read(`+${digits}`) : undefined);
}

/** The number in E.164; an InvalidValueError naming `field` when it is none. */
export function normalisePhone(raw: string, field = 'phone', country?: string): string {
  const number = e164(raw, country);
  if (!number) {
    const where = country ? ` (read as a number of ${country})` : ' (write it with its country code, e.g. +380…)';
    throw new InvalidValueError(field, `is not a phone number${where}, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return number;
}

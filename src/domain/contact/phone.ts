import { InvalidValueError } from '../shared/errors.js';

/**
 * A phone number reduced to its digits, so "+380 67 123-45-67" and "380671234567" are the same contact.
 * International numbers (11 digits and more) are written with a leading +.
 */
export function normalisePhone(raw: string, field = 'phone'): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) {
    throw new InvalidValueError(field, `must have 7 to 15 digits, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return digits.length >= 11 ? `+${digits}` : digits;
}

import { unstorableText } from '../../../domain/shared/text.js';

// Validating readers for platform JSON: every field a mapping reads goes through one of these, so a bad
// value becomes a reason naming the field instead of a crash or a silently wrong order.
import { toMinorUnits } from '../../../domain/shared/currencyExponent.js';

/** Longest text accepted from a platform in a name, SKU, phone and the like. */
export const MAX_TEXT_LENGTH = 1000;
/** Free-text comments are written at length by people; still bounded. */
export const MAX_COMMENT_LENGTH = 5000;
/** Larger than any real order amount or quantity; beyond it the value is garbage. */
const MAX_NUMBER = 1e10;

export class MalformedFieldError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'MalformedFieldError';
  }
}

export type Json = Record<string, unknown>;

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function requireObject(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedFieldError(field, `must be an object, got ${describe(value)}`);
  return value as Json;
}

export function optionalObject(value: unknown, field: string): Json | undefined {
  return isPresent(value) ? requireObject(value, field) : undefined;
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new MalformedFieldError(field, `must be an array, got ${describe(value)}`);
  return value;
}

/** Numeric platform ids are positive integers; the port carries them as strings. */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new MalformedFieldError(field, `must be a positive integer id, got ${isPresent(value) ? describe(value) : 'nothing'}`);
  }
  return String(value);
}

export function optionalId(value: unknown, field: string): string | undefined {
  return isPresent(value) ? requireId(value, field) : undefined;
}

export function optionalText(value: unknown, field: string, maxLength = MAX_TEXT_LENGTH): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value !== 'string') throw new MalformedFieldError(field, `must be text, got ${describe(value)}`);
  if (value.length > maxLength) throw new MalformedFieldError(field, `is ${value.length} characters long, more than the ${maxLength} allowed`);
  // PostgreSQL text and JSONB cannot hold U+0000 or a lone surrogate: stored, it would fail the whole run instead of this one order.
  const unstorable = unstorableText(value);
  if (unstorable) throw new MalformedFieldError(field, `${unstorable.replace(/^must not contain/, 'contains')}, which cannot be stored`);
  return value;
}

export function requireText(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined || text.trim() === '') throw new MalformedFieldError(field, 'is missing');
  return text;
}

/** A non-negative finite number sent as a JSON number; a numeric string is a malformed payload here. */
export function optionalAmount(value: unknown, field: string): number | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedFieldError(field, `must be a number, got ${describe(value)}`);
  if (value < 0) throw new MalformedFieldError(field, `must not be negative, got ${value}`);
  if (value > MAX_NUMBER) throw new MalformedFieldError(field, `is implausibly large (${value})`);
  return value;
}

export function requireAmount(value: unknown, field: string): number {
  const amount = optionalAmount(value, field);
  if (amount === undefined) throw new MalformedFieldError(field, 'is missing');
  return amount;
}

/** A number sent as a JSON number or as decimal text ("12.50"); anything else is a malformed payload. */
export function optionalDecimal(value: unknown, field: string): number | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value === 'string') {
    if (!/^-?\d{1,10}(\.\d{1,6})?$/.test(value.trim())) throw new MalformedFieldError(field, `must be a decimal amount, got ${describe(value)}`);
    return optionalAmount(Number(value), field);
  }
  return optionalAmount(value, field);
}

/** Money sent as a JSON number, in the currency's major units, as whole minor units of that currency (JPY has none). */
export function optionalMoney(value: unknown, field: string, currency: string): number | undefined {
  const amount = optionalAmount(value, field);
  return amount === undefined ? undefined : toMinorUnits(amount, currency);
}

export function requireMoney(value: unknown, field: string, currency: string): number {
  return toMinorUnits(requireAmount(value, field), currency);
}

/** Money some platforms send as decimal text ("12.50"), some as numbers; either becomes minor units of the currency. */
export function optionalDecimalMoney(value: unknown, field: string, currency: string): number | undefined {
  const amount = optionalDecimal(value, field);
  return amount === undefined ? undefined : toMinorUnits(amount, currency);
}

export function requireDecimalMoney(value: unknown, field: string, currency: string): number {
  const money = optionalDecimalMoney(value, field, currency);
  if (money === undefined) throw new MalformedFieldError(field, 'is missing');
  return money;
}

/** An ISO 8601 time with a zone (Z or an offset), as UTC ISO text. */
export function requireIsoTime(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined) throw new MalformedFieldError(field, 'is missing');
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) throw new MalformedFieldError(field, `must be an ISO 8601 time with a zone, got ${describe(text)}`);
  return new Date(at).toISOString();
}

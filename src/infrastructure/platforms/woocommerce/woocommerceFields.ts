// Readers for the WooCommerce-shaped values the shared payload readers do not cover.
import { toMinorUnits } from '../../../domain/shared/currencyExponent.js';
import { describe, isPresent, MalformedFieldError, optionalText } from '../payload/payloadFields.js';

const GMT_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|\+00:?00)?$/;

/** Woo's *_gmt fields are UTC without a zone suffix ("2024-05-16T17:00:07"); an impossible date is no time at all. */
export function isoFromGmt(text: string): string | undefined {
  const match = GMT_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return date.toISOString();
}

export function requireGmtTime(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined || text === '') throw new MalformedFieldError(field, 'is missing');
  const iso = isoFromGmt(text);
  if (iso === undefined) throw new MalformedFieldError(field, `must be a UTC time like "2024-05-16T17:00:07", got ${describe(text)}`);
  return iso;
}

/** A time for modified_after/modified_before with dates_are_gmt=true: UTC, whole seconds, no suffix. */
export function woocommerceGmtOf(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** Fees may be negative (a discount added as a fee), so money here keeps its sign; Woo sends "-5.00". */
export function requireSignedDecimalMoney(value: unknown, field: string, currency: string): number {
  if (!isPresent(value)) throw new MalformedFieldError(field, 'is missing');
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,10}(\.\d{1,6})?$/.test(text.trim())) {
    throw new MalformedFieldError(field, `must be a decimal amount, got ${describe(value)}`);
  }
  const amount = Number(text);
  return amount < 0 ? -toMinorUnits(-amount, currency) : toMinorUnits(amount, currency);
}

/** Line quantities are whole, positive pieces; the unit price is divided by it. */
export function requireQuantity(value: unknown, field: string): number {
  if (!isPresent(value)) throw new MalformedFieldError(field, 'is missing');
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > 1_000_000) {
    throw new MalformedFieldError(field, `must be a positive whole number, got ${describe(value)}`);
  }
  return value;
}

/** Product and variation ids: 0 means none (a deleted product, a simple product's variation_id). */
export function optionalWooId(value: unknown, field: string): string | undefined {
  if (!isPresent(value) || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new MalformedFieldError(field, `must be an id, got ${describe(value)}`);
  return String(value);
}

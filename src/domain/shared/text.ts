import { InvalidValueError } from './errors.js';

/** Longest text a field may carry: a platform sending more is sending garbage, not a name. */
export const MAX_TEXT = 1000;

export function assertText(field: string, value: string, { required = false, max = MAX_TEXT } = {}): void {
  if (typeof value !== 'string') throw new InvalidValueError(field, 'must be text');
  if (required && value.trim() === '') throw new InvalidValueError(field, 'is required');
  if (value.length > max) throw new InvalidValueError(field, `must be at most ${max} characters, got ${value.length}`);
  // No store keeps U+0000 in text (PostgreSQL refuses it): refused here with a reason, not as a failed write.
  if (value.includes('\u0000')) throw new InvalidValueError(field, 'must not contain a NUL character (U+0000)');
}

export function assertTime(field: string, value: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new InvalidValueError(field, `must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  }
}

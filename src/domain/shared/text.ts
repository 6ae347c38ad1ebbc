import { InvalidValueError } from './errors.js';

/** Longest text a field may carry: a platform sending more is sending garbage, not a name. */
export const MAX_TEXT = 1000;

export function assertText(field: string, value: string, { required = false, max = MAX_TEXT } = {}): void {
  if (typeof value !== 'string') throw new InvalidValueError(field, 'must be text');
  if (required && value.trim() === '') throw new InvalidValueError(field, 'is required');
  if (value.length > max) throw new InvalidValueError(field, `must be at most ${max} characters, got ${value.length}`);
}

export function assertTime(field: string, value: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new InvalidValueError(field, `must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  }
}

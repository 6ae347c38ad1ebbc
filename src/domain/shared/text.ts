import { InvalidValueError } from './errors.js';

/** Longest text a field may carry: a platform sending more is sending garbage, not a name. */
export const MAX_TEXT = 1000;

export function assertText(field: string, value: string, { required = false, max = MAX_TEXT } = {}): void {
  if (typeof value !== 'string') throw new InvalidValueError(field, 'must be text');
  if (required && value.trim() === '') throw new InvalidValueError(field, 'is required');
  if (value.length > max) throw new InvalidValueError(field, `must be at most ${max} characters, got ${value.length}`);
  const unstorable = unstorableText(value);
  if (unstorable) throw new InvalidValueError(field, unstorable);
}

/** A UTF-16 surrogate without its partner: not a character, and not valid in UTF-8 or in PostgreSQL's JSON. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why no store can keep this text (PostgreSQL refuses U+0000 and lone surrogates in JSON), or undefined when it can:
 * refused with a reason where the text comes in, never as a failed write that blocks everything after it.
 */
export function unstorableText(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate (text that is not valid Unicode)';
  return undefined;
}

export function assertTime(field: string, value: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new InvalidValueError(field, `must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  }
}

/** Text for a report (an id or reason a platform made up) with what no store keeps replaced by U+FFFD, so recording it cannot fail. */
export function storableText(value: string): string {
  return value.replace(/\u0000/g, '\ufffd').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

/** The first text in a JSON value (a key or a string) no store can keep, with its path, e.g. `billing.first_name`. */
export function unstorableField(value: unknown): { field: string; reason: string } | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableText(current);
      if (reason) return { field: path || 'body', reason };
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]` }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const reason = unstorableText(key);
        if (reason) return { field: path || 'body', reason: `has a field name that ${reason.replace(/^must not contain/, 'contains')}` };
        pending.push({ value: item, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return undefined;
}

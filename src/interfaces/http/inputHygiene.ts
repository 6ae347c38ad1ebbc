// What no JSON body or query may carry, checked before class-transformer or a store sees it: nesting deeper than any
// DTO, keys that name JavaScript's object machinery, and text no store can keep.
import { unstorableText } from '../../domain/shared/text.js';
import type { FieldError } from './validation.js';

/** Deeper than every DTO by far; a body nested ~2 000 deep is an attack on the recursive code after this. */
export const MAX_DEPTH = 64;

/** Never a field of any DTO; as keys they reach prototypes in code that copies objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every hostile part of `input`, each naming its field; empty when the input may go on to validation. */
export function hostileInput(input: unknown): FieldError[] {
  const found: FieldError[] = [];
  // Iterative, so the check itself cannot overflow the stack it protects.
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (pending.length > 0 && found.length < 20) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableText(value);
      if (reason) found.push({ field: path || 'body', reason });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      found.push({ field: path || 'body', reason: `is nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
    for (const [key, item] of entries) {
      const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
        found.push({ field, reason: 'is not a known field' });
        continue;
      }
      const keyReason = Array.isArray(value) ? undefined : unstorableText(key);
      if (keyReason) {
        found.push({ field: 'body', reason: `a field name ${keyReason}` });
        continue;
      }
      pending.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return found;
}

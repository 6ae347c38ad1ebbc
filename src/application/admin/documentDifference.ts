/** Path of the first field where two JSON values differ (`items[0].quantity`), or undefined when they are equal. */
export function firstDifference(live: unknown, replayed: unknown, path = ''): string | undefined {
  if (Object.is(live, replayed)) return undefined;
  if (Array.isArray(live) && Array.isArray(replayed)) {
    const length = Math.max(live.length, replayed.length);
    for (let i = 0; i < length; i++) {
      const difference = firstDifference(live[i], replayed[i], `${path}[${i}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isObject(live) && isObject(replayed)) {
    // Key order is not content: JSONB and MongoDB may store keys in another order than they were written.
    const keys = [...new Set([...Object.keys(live), ...Object.keys(replayed)])].sort();
    for (const key of keys) {
      const difference = firstDifference(live[key], replayed[key], path ? `${path}.${key}` : key);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return path || '(document)';
}

/** The value at a path made by firstDifference, for showing both sides. */
export function valueAt(doc: unknown, path: string): unknown {
  if (path === '(document)') return doc;
  let value: unknown = doc;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

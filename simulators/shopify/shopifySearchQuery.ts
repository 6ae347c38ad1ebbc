// The subset of Shopify's search syntax the simulator understands for `query:` arguments: terms `field:value` with an
// optional comparator (>=, <=, >, <), values bare or quoted, joined by AND (or a space) and OR (AND binds first).
// As Shopify does, a term on a field the resource cannot filter by is ignored and reported as a search warning.

export interface SearchTerm {
  field: string;
  comparator: '=' | '>=' | '<=' | '>' | '<';
  value: string;
}

/** Alternatives (OR) of terms that must all hold (AND). */
export type SearchQuery = SearchTerm[][];

export interface SearchWarning {
  field: string;
  message: string;
}

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"']+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')?)/y;
const TERM = /^([a-z_]+):(>=|<=|>|<)?(.*)$/s;

export function parseSearchQuery(text: string | null | undefined): SearchQuery {
  const alternatives: SearchQuery = [[]];
  if (!text) return alternatives;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const token = match[1];
    if (token === 'AND') continue;
    if (token === 'OR') {
      alternatives.push([]);
      continue;
    }
    const term = TERM.exec(token);
    // A bare word searches default fields; the simulator has none to search, so it matches nothing it can check.
    if (!term) continue;
    alternatives[alternatives.length - 1].push({ field: term[1], comparator: (term[2] as SearchTerm['comparator']) ?? '=', value: unquote(term[3]) });
  }
  return alternatives.filter((terms) => terms.length > 0).length ? alternatives.filter((terms) => terms.length > 0) : [[]];
}

/** Keeps the items matching the query; `fields` reads each filterable field of an item (text or time in ms). */
export function filterBySearch<T>(
  items: T[],
  query: SearchQuery,
  fields: Record<string, (item: T) => string | number | null | undefined>,
  warnings: SearchWarning[],
): T[] {
  for (const term of query.flat()) {
    if (!(term.field in fields)) warnings.push({ field: term.field, message: `Invalid search field for this query.` });
  }
  return items.filter((item) => query.some((terms) => terms.every((term) => !(term.field in fields) || holds(fields[term.field](item), term))));
}

function holds(actual: string | number | null | undefined, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'number') {
    const wanted = Date.parse(term.value);
    if (Number.isNaN(wanted)) return false;
    return compare(actual, wanted, term.comparator);
  }
  return term.comparator === '=' ? actual.toLowerCase() === term.value.toLowerCase() : compare(actual, term.value, term.comparator);
}

function compare<V extends string | number>(actual: V, wanted: V, comparator: SearchTerm['comparator']): boolean {
  switch (comparator) {
    case '>=':
      return actual >= wanted;
    case '<=':
      return actual <= wanted;
    case '>':
      return actual > wanted;
    case '<':
      return actual < wanted;
    default:
      return actual === wanted;
  }
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return quoted ? quoted[2].replace(/\\(.)/g, '$1') : value;
}

// Relay connections as Shopify serves them: `first`/`after` or `last`/`before` over a list in a stable order (a sort
// value, then the id), with opaque cursors that carry where they stand (so a page still follows when that item has since
// left the list), `edges { cursor node }`, `nodes` and `pageInfo`. A cursor that is not one of the simulator's is refused.
import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

type Position = [value: number, id: number];

/** `sortValueOf` orders the list (by id alone when absent); ties are broken by id. */
export function connectionOf<T>(all: readonly T[], args: ConnectionArgs, idOf: (item: T) => number, sortValueOf: (item: T) => number = idOf) {
  const positionOf = (item: T): Position => [sortValueOf(item), idOf(item)];
  const direction = args.reverse ? -1 : 1;
  const compare = (a: Position, b: Position) => direction * (a[0] - b[0] || a[1] - b[1]);
  const ordered = [...all].sort((a, b) => compare(positionOf(a), positionOf(b)));
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const mark = positionIn(args.after);
    start = ordered.findIndex((item) => compare(positionOf(item), mark) > 0);
    if (start < 0) start = ordered.length;
  }
  if (args.before) {
    const mark = positionIn(args.before);
    const past = ordered.findIndex((item) => compare(positionOf(item), mark) >= 0);
    end = Math.min(end, past < 0 ? ordered.length : past);
  }
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const page = ordered.slice(start, Math.max(start, end));
  const edges = page.map((node) => ({ cursor: cursorAt(positionOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const cursorAt = ([value, id]: Position) => Buffer.from(JSON.stringify({ last_id: id, last_value: value }), 'utf8').toString('base64url');

function positionIn(cursor: string): Position {
  let decoded: { last_id?: unknown; last_value?: unknown } | undefined;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    decoded = undefined;
  }
  const { last_id: id, last_value: value } = decoded ?? {};
  if (typeof id !== 'number' || typeof value !== 'number' || !Number.isFinite(id) || !Number.isFinite(value)) {
    throw new GraphQLError('Invalid cursor for current pagination sort.', { extensions: { code: 'BAD_REQUEST' } });
  }
  return [value, id];
}

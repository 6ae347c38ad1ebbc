import { InvalidValueError } from '../../domain/shared/errors.js';
import type { FindQuery, KeysetBound } from '../ports/readModels.js';

/** The order of a list: a cursor holds a place in one order and is refused by a list sorted another way. */
export type ListOrder = NonNullable<FindQuery['orderBy']>;

/** Room for a sort value of several thousand characters, within the 16 KB of headers Node.js takes by default. */
export const MAX_CURSOR_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Ids as stores hold them: printable ASCII, so a tampered one cannot carry a NUL or a quote into a query. */
const CURSOR_ID = /^[\x21-\x7e]{1,200}$/;
/** A UTF-16 surrogate without its pair: no store can hold it as text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const orderKey = ({ field, descending }: ListOrder) => `${descending ? '-' : ''}${field}`;

/** The opaque cursor of the place after `item` in `order`: base64url of the order, the sort value and the id. */
export function cursorAfter(order: ListOrder, item: Record<string, unknown>): string {
  const { id } = item;
  if (typeof id !== 'string') throw new Error(`A listed item has no id to make a cursor of (sorted by ${orderKey(order)})`);
  const value = item[order.field] ?? null;
  return Buffer.from(JSON.stringify([orderKey(order), value, id])).toString('base64url');
}

/** The keyset bound a cursor of this list's order names; a cursor this API did not hand out is a 400 on `after`. */
export function keysetOf(cursor: string, order: ListOrder): KeysetBound {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) refuse('is not a cursor this API handed out (base64url expected)');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    refuse('is damaged: it does not decode');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) refuse('is damaged: it does not hold a place in a list');
  const [key, value, id] = decoded as unknown[];
  if (key !== orderKey(order)) refuse(`belongs to a list in another order; this list is sorted by ${orderKey(order)}`);
  if (typeof id !== 'string' || !CURSOR_ID.test(id)) refuse('is damaged: its id is not one a list holds');
  if (!sortValue(value)) refuse('is damaged: its sort value is not one a list holds');
  return { value, id };
}

/** The global position after which a cursor of a log-ordered list (history, a correlation's events) goes on. */
export function positionAfter(cursor: string): number {
  const { value } = keysetOf(cursor, LOG_ORDER);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) refuse('is damaged: its position is not a position in the log');
  return value;
}

/** Event-log lists page by global position. */
export const LOG_ORDER: ListOrder = { field: 'position' };

function sortValue(value: unknown): value is KeysetBound['value'] {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  // NUL and lone surrogates are refused by the stores' text types: a 400 here, not a 500 there.
  return typeof value === 'string' && !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

function refuse(reason: string): never {
  throw new InvalidValueError('after', `the cursor ${reason}`);
}

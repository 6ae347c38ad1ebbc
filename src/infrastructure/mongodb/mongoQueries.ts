import type { Document, Filter, Sort } from 'mongodb';
import type { FindQuery, KeysetBound, TextMatch } from '../../application/ports/readModels.js';

/** What a read-model document looks like in its collection: the port's document plus its id as `_id`. */
export interface StoredDocument extends Document {
  _id: string;
}

/** Plain top-level names only: no operators ($where), no dotted paths, and `_id`, which is the id and not a field. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function checkedField(field: string, use: string): string {
  if (!FIELD.test(field) || field === '_id') throw new Error(`Cannot ${use} "${field}"`);
  return field;
}

/** Equality on the value itself, as in the other adapters: null means a stored null, arrays never match elements. */
export function toFilter(where: FindQuery['where'] = {}, matching?: TextMatch, whereIn?: FindQuery['whereIn']): Filter<StoredDocument> {
  const filter: Document = {};
  if (whereIn) filter.$and = [{ [checkedField(whereIn.field, 'filter by')]: { $in: [...whereIn.values], $not: { $type: 'array' } } }];
  for (const [field, value] of Object.entries(where)) {
    // An undefined value filters nothing, as JSON drops it in the SQL adapter.
    if (value === undefined) continue;
    filter[checkedField(field, 'filter by')] = value === null ? { $type: 'null' } : { $eq: value, $not: { $type: 'array' } };
  }
  if (matching && matching.fields.length > 0) {
    const pattern = matching.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    filter.$or = matching.fields.map((field) => ({ [checkedField(field, 'search field')]: { $regex: pattern, $options: 'i' } }));
  }
  return filter as Filter<StoredDocument>;
}

/**
 * The documents after a keyset bound in the sort's order, as a range on (field, _id): MongoDB sorts a missing or null
 * field first, and `{field: null}` matches both. Values of one sort field share a type (a range stays within one).
 */
export function toKeyset(orderBy: FindQuery['orderBy'], after: KeysetBound): Filter<StoredDocument> {
  if (!orderBy) return { _id: { $gt: after.id } };
  const field = checkedField(orderBy.field, 'sort by');
  const [beyond, idBeyond] = orderBy.descending ? ['$lt', { $lt: after.id }] : ['$gt', { $gt: after.id }];
  if (after.value === null) {
    const tied = { [field]: null, _id: idBeyond };
    return (orderBy.descending ? tied : { $or: [{ [field]: { $ne: null } }, tied] }) as Filter<StoredDocument>;
  }
  const following: Document[] = [{ [field]: { [beyond]: after.value } }, { [field]: after.value, _id: idBeyond }];
  // Descending, the documents without the field come last.
  if (orderBy.descending) following.push({ [field]: null });
  return { $or: following } as Filter<StoredDocument>;
}

/** Ties are broken by id in the same direction, like the other adapters. */
export function toSort(orderBy: FindQuery['orderBy']): Sort {
  if (!orderBy) return [['_id', 1]];
  const direction = orderBy.descending ? -1 : 1;
  return [
    [checkedField(orderBy.field, 'sort by'), direction],
    ['_id', direction],
  ];
}

/** Only the picked fields, or all less the omitted ones; never `_id`, which the adapter hands out as the id. */
export function toProjection({ pick, omit = [] }: Pick<FindQuery, 'pick' | 'omit'>): Document {
  if (!pick) return { _id: 0, ...Object.fromEntries(omit.map((field) => [checkedField(field, 'leave out'), 0])) };
  if (pick.length === 0) throw new Error('Pick at least one field');
  return { _id: 0, ...Object.fromEntries(pick.map((field) => [checkedField(field, 'pick'), 1])) };
}

/** A picked field the document lacks comes back null, as in the other adapters. */
export function withPicked<T extends Document>(docs: T[], pick: string[] | undefined): T[] {
  if (!pick) return docs;
  return docs.map((doc) => ({ ...Object.fromEntries(pick.map((field) => [field, null])), ...doc }));
}

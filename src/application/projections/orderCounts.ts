// How many orders each (source, integration, status) holds, kept with the orders: a list's total without counting every document.
import type { ReadModelTransaction } from '../ports/readModels.js';

export const ORDER_COUNTS_COLLECTION = 'order_counts';

interface OrderCountDocument extends Record<string, unknown> {
  id: string;
  source: string;
  integrationId: string | null;
  status: string;
  count: number;
}

type Counted = Pick<OrderCountDocument, 'source' | 'integrationId' | 'status'>;

const keyOf = ({ source, integrationId, status }: Counted) => JSON.stringify([source, integrationId, status]);

/** Whether two orders are in the same count (the same keyOf), compared without building both keys on every event. */
const sameCount = (a: Counted, b: Counted) =>
  (a.source ?? null) === (b.source ?? null) && (a.integrationId ?? null) === (b.integrationId ?? null) && (a.status ?? null) === (b.status ?? null);

async function add(tx: ReadModelTransaction, order: Counted, delta: number): Promise<void> {
  const id = keyOf(order);
  const current = await tx.get<OrderCountDocument>(ORDER_COUNTS_COLLECTION, id);
  const { source, integrationId, status } = order;
  await tx.put(ORDER_COUNTS_COLLECTION, id, { id, source, integrationId, status, count: (current?.count ?? 0) + delta });
}

/** The count an order is in, to be read with the batch's documents. */
export const countDocument = (order: Counted): readonly [collection: string, id: string] => [ORDER_COUNTS_COLLECTION, keyOf(order)];

/** Moves the order from the count it was in to the one it is in now (the same one: nothing to do). */
export async function recountOrder(tx: ReadModelTransaction, before: Counted | undefined, after: Counted): Promise<void> {
  if (before && sameCount(before, after)) return;
  if (before) await add(tx, before, -1);
  await add(tx, after, 1);
}

import { orderStream } from '../../domain/order/orderDecider.js';
import type { EventStore } from '../ports/eventStore.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../projections/ordersProjection.js';
import { isReadModelId } from '../queries/readModelId.js';
import { projectInMemory } from './inMemoryProjection.js';

/**
 * The order as it stood at `asOf`: its events recorded up to then, folded by the projection that builds the live
 * read model; undefined when the order did not exist yet (or never did).
 */
export async function orderAsOf(store: EventStore, orderId: string, asOf: Date): Promise<OrderDocument | undefined> {
  if (!isReadModelId(orderId)) return undefined;
  const events = await store.readStream(orderStream(orderId));
  // A stream is a prefix in time: the first event after `asOf` ends what the order had been.
  const later = events.findIndex((event) => event.recordedAt.getTime() > asOf.getTime());
  const upToThen = later === -1 ? events : events.slice(0, later);
  const documents = await projectInMemory(ordersProjection, upToThen);
  return documents.get<OrderDocument>(ORDERS_COLLECTION, orderId);
}

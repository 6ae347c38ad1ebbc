import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '../../../src/application/ports/eventStore.js';

const STATUSES = ['new', 'paid', 'shipped', 'delivered'];

/** An imported order's events: OrderImported, then `statusChanges` status changes going round new → paid → shipped → delivered. */
export function orderEvents(n: number, statusChanges: number, integrationId: string): EventToAppend[] {
  const at = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
  const imported: EventToAppend = {
    type: 'OrderImported',
    data: {
      orderId: `o${n}`,
      integrationId,
      externalId: `ext-${n}`,
      storeName: 'Bench store',
      platformUrl: `https://shop.example/orders/${n}`,
      number: `KC-${n}`,
      status: 'new',
      platformStatus: 'new',
      currency: 'UAH',
      total: 12_345 + n,
      discountTotal: 0,
      discounts: [],
      createdAtPlatform: at,
      responsibleUser: null,
      customer: { firstName: 'Olena', lastName: `K${n}`, phone: `+38050${String(n).padStart(7, '0')}`, email: null },
      items: [{ productId: `p${n % 500}`, sku: `SKU-${n % 500}`, name: `Item ${n % 500}`, quantity: 1 + (n % 3), price: 4_500 }],
      delivery: null,
      comment: '',
      syncedAt: at,
    },
    metadata: { source: 'platform', correlationId: randomUUID() },
  };
  const changes = Array.from({ length: statusChanges }, (_, i) => {
    const [from, to] = [STATUSES[i % STATUSES.length], STATUSES[(i + 1) % STATUSES.length]];
    return { type: 'StatusChanged', data: { from, to, source: 'platform', platformStatus: to, at } };
  });
  return [imported, ...changes];
}

/** Appends `orders` order streams of 1 + statusChanges events each, `parallel` appends in flight. */
export async function appendOrders(
  store: EventStore,
  options: { orders: number; statusChanges: number; integrationId?: string; parallel?: number; first?: number },
): Promise<void> {
  const integrationId = options.integrationId ?? 'int-1';
  const first = options.first ?? 0;
  let next = first;
  const worker = async () => {
    while (next < first + options.orders) {
      const n = next++;
      await store.appendToStream(`order-o${n}`, orderEvents(n, options.statusChanges, integrationId), { expectedVersion: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 8 }, worker));
}

// Realistic order streams for benchmarks that need many events fast: the domain decider writes them, and one
// multi-row INSERT per batch loads them into the event store's table (loading is not what these benchmarks measure).
import { randomUUID } from 'node:crypto';
import { orderDecider, orderStream } from '../../src/domain/order/orderDecider.js';
import type { OrderEvent } from '../../src/domain/order/orderEvents.js';
import type { SqlClient } from '../../src/infrastructure/postgres/sqlClient.js';

const STATUSES = ['new', 'confirmed', 'shipped', 'delivered'];
const BATCH_ROWS = 1_000;

function receive(i: number, status: string, at: string) {
  const orderId = randomUUID();
  const items = Array.from({ length: 1 + (i % 5) }, (_, k) => ({
    productId: `00000000-0000-5000-8000-${String((i * 7 + k) % 2_000).padStart(12, '0')}`,
    sku: `KC-${100 + ((i * 7 + k) % 2_000)}`,
    name: `Product ${(i * 7 + k) % 2_000}`,
    quantity: 1 + (k % 3),
    price: 19_900 + k * 1_000,
    kind: 'product' as const,
    deductible: false,
  }));
  const total = items.reduce((sum, item) => sum + item.quantity * item.price, 0);
  return {
    orderId,
    command: (s: string) => ({
      type: 'ReceivePlatformOrder' as const,
      data: {
        orderId,
        integrationId: '11111111-1111-5111-8111-111111111111',
        externalId: String(i + 1),
        storeName: 'Bench shop',
        platformUrl: `http://127.0.0.1/app/orders/view/${i + 1}`,
        platformStatus: s,
        createdAtPlatform: at,
        responsibleUser: null,
        number: String(i + 1),
        status: s,
        customer: { contactId: `00000000-0000-5000-8000-${String(i % 5_000).padStart(12, '0')}`, firstName: 'Олена', lastName: 'Коваленко', phone: `+38067${String(1_000_000 + (i % 5_000)).slice(0, 7)}`, email: `olena.${i % 5_000}@example.com` },
        items,
        discounts: [],
        discountTotal: 0,
        delivery: { method: 'Нова Пошта', cost: 7_000, recipient: 'Олена Коваленко', address: 'Київ, відділення №1' },
        total: total + 7_000,
        currency: 'UAH',
        comment: '',
        at,
      },
    }),
  };
}

interface OrderHistory {
  streamName: string;
  events: OrderEvent[];
}

/** The events of order i: imported, then (every other order) synced again with a later status. */
export function orderHistory(i: number, { updates = true } = {}): OrderHistory {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  const order = receive(i, STATUSES[0], at);
  let state = orderDecider.initialState();
  const events: OrderEvent[] = [];
  const decide = (status: string) => {
    const decided = orderDecider.decide(order.command(status), state);
    state = decided.reduce(orderDecider.evolve, state);
    events.push(...decided);
  };
  decide(STATUSES[0]);
  if (updates) decide(STATUSES[1 + (i % 3)]);
  return { streamName: orderStream(order.orderId), events };
}

/** Orders whose later events a log laid out `apart` holds back until the first events of all of them are stored. */
const APART_BLOCK = 10_000;

/**
 * Loads orders until at least `minEvents` events are stored (orders `from`, default 0, up to `orders`: a second call
 * can add to the first); answers the order and event counts and the order ids. `together` (the default) stores each
 * order's events one after another; `apart` stores the first event of 10 000 orders, then their later ones, as a
 * live log has them, an order changing while others are imported: a replay's batch then meets documents an earlier
 * batch wrote, which a projection reads back and writes again.
 */
export async function loadOrderHistories(
  sql: SqlClient,
  schema: string,
  {
    orders,
    minEvents,
    updates = true,
    from = 0,
    layout = 'together',
  }: { orders?: number; minEvents?: number; updates?: boolean; from?: number; layout?: 'together' | 'apart' },
): Promise<{ orders: number; events: number; orderIds: string[] }> {
  const orderIds: string[] = [];
  let rows: unknown[] = [];
  let placeholders: string[] = [];
  let events = 0;
  const flush = async () => {
    if (placeholders.length === 0) return;
    await sql.query(
      `INSERT INTO "${schema}".events (stream_name, version, event_id, type, data, metadata) VALUES ${placeholders.join(', ')}`,
      rows,
    );
    rows = [];
    placeholders = [];
  };
  // Versions first up to end (not included) of one order's history.
  const store = async ({ streamName, events: history }: OrderHistory, first: number, end = history.length) => {
    for (let version = first; version < end; version++) {
      const n = rows.length;
      placeholders.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, '{}')`);
      rows.push(streamName, version, randomUUID(), history[version].type, JSON.stringify(history[version].data));
    }
    if (placeholders.length >= BATCH_ROWS) await flush();
  };
  let heldBack: OrderHistory[] = [];
  const storeHeldBack = async () => {
    for (const history of heldBack) await store(history, 1);
    heldBack = [];
  };
  for (let i = from; (orders === undefined || i < orders) && (minEvents === undefined || events < minEvents); i++) {
    const history = orderHistory(i, { updates });
    orderIds.push(history.streamName.slice('order-'.length));
    events += history.events.length;
    if (layout === 'together') {
      await store(history, 0);
    } else {
      await store(history, 0, 1);
      if (heldBack.push(history) === APART_BLOCK) await storeHeldBack();
    }
  }
  await storeHeldBack();
  await flush();
  return { orders: orderIds.length, events, orderIds };
}

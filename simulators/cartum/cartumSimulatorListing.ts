// How the simulator selects orders for orders/get: from/to, ids, status, then offset/limit.
import type { RawCartumOrder } from './cartumOrderStore.js';

export class CartumRequestError extends Error {}

/** "YYYY-MM-DD", "DD.MM.YYYY" or (Horoshop 3.30+) "YYYY-MM-DD HH:mm:ss", as a comparable shop time. */
export function shopTimeOf(value: unknown, name: string, endOfDay: boolean): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const full = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (full) return text;
  const iso = /^\d{4}-\d{2}-\d{2}$/.exec(text)?.[0];
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const day = iso ?? (dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : undefined);
  if (!day) throw new CartumRequestError(`Parameter ${name} has a wrong date format`);
  return `${day} ${endOfDay ? '23:59:59' : '00:00:00'}`;
}

function count(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new CartumRequestError(`Parameter ${name} must be a non-negative integer`);
  return value;
}

/** The orders one orders/get call answers with. */
export function selectOrders(orders: readonly RawCartumOrder[], body: Record<string, unknown>, maxPageSize: number): RawCartumOrder[] {
  const from = shopTimeOf(body.from, 'from', false);
  const to = shopTimeOf(body.to, 'to', true);
  let selected = [...orders];
  if (from !== undefined || to !== undefined) {
    selected = selected.filter((order) => {
      const changed = typeof order.stat_updated === 'string' ? order.stat_updated : order.stat_created;
      return typeof changed === 'string' && (from === undefined || changed >= from) && (to === undefined || changed <= to);
    });
  }
  if (Array.isArray(body.ids)) {
    const wanted = new Set(body.ids.map(Number));
    selected = selected.filter((order) => wanted.has(Number(order.order_id)));
  }
  if (body.status !== undefined) {
    const wanted = new Set((Array.isArray(body.status) ? body.status : [body.status]).map(Number));
    selected = selected.filter((order) => wanted.has(Number(order.stat_status)));
  }
  const idOf = (order: RawCartumOrder) => (typeof order.order_id === 'number' ? order.order_id : Number.MAX_SAFE_INTEGER);
  selected.sort((a, b) => idOf(a) - idOf(b));
  const offset = count(body.offset, 'offset', 0);
  // Like Horoshop, the simulator serves at most its own page size whatever limit is asked for.
  const limit = Math.min(count(body.limit, 'limit', 50), maxPageSize);
  return selected.slice(offset, offset + limit);
}

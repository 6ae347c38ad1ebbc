// One raw platform order read into the port's shape, or reported malformed with the field at fault named.
import type { FetchedOrder, PlatformOrder } from '../../../application/ports/platformClient.js';
import { MalformedFieldError, requireId, requireObject, type Json } from './payloadFields.js';

/** `read` maps a readable order; a bad field makes only this order malformed, anything else (a bug) still throws. */
export function fetchedOrderOf(raw: unknown, platformLabel: string, read: (order: Json, externalId: string) => PlatformOrder): FetchedOrder {
  let externalId: string | undefined;
  try {
    const order = requireObject(raw, 'order');
    externalId = requireId(order.id, 'id');
    return { kind: 'order', order: read(order, externalId) };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    externalId ??= idIfReadable(raw);
    return { kind: 'malformed', order: { externalId, reason: `${platformLabel} order ${externalId ?? 'without an id'}: ${error.message}` } };
  }
}

/** The id of an order that failed to read, when it is at least a positive integer. */
function idIfReadable(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as Json).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? String(id) : undefined;
}

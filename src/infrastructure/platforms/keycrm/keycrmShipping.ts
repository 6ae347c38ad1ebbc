// KeyCRM's shipping block (include=shipping): `shipping_status` comes from the carrier integration (e.g. Nova Poshta)
// and `shipping_date_actual` is the carrier's date; only a "delivered" status makes that date a delivery day.
import { optionalText } from '../payload/payloadFields.js';
import { keycrmObject, optionalKeycrmObject } from './keycrmSpecFields.js';
import { PlatformRequestError } from '../../../application/ports/platformClient.js';

const DELIVERED = new Set(['delivered', 'received']);

export function keycrmDeliveryDay(order: unknown): string | null {
  try {
    const shipping = optionalKeycrmObject('shipping', keycrmObject('order', order, 'order').shipping, 'shipping');
    const status = optionalText(shipping?.shipping_status, 'shipping.shipping_status');
    if (!status || !DELIVERED.has(status.toLowerCase())) return null;
    const date = optionalText(shipping?.shipping_date_actual, 'shipping.shipping_date_actual');
    const day = date?.slice(0, 10);
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`shipping.shipping_date_actual is ${JSON.stringify(date ?? null)}, not a date`);
    return day;
  } catch (error) {
    throw new PlatformRequestError('keycrm', 422, `KeyCRM order's shipping cannot be read: ${(error as Error).message}`);
  }
}

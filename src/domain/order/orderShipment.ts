// The shipment of an order: recorded locally, sent to the store once, its delivery date confirmed by the platform's carrier data.
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertText } from '../shared/text.js';
import type { ConfirmDelivery, RecordDeliveryInfoSent, RecordShipment } from './orderCommands.js';
import type { DeliveryConfirmed, DeliveryInfoSent, OrderEvent, ShipmentRecorded } from './orderEvents.js';
import type { OrderState } from './orderState.js';

export interface Shipment {
  trackingCode: string;
  /** Day of dispatch, YYYY-MM-DD. */
  shippedOn: string;
  /** Whether the store has this tracking code and date. */
  sentToPlatform: boolean;
  /** Day the carrier delivered, YYYY-MM-DD; null while on its way. */
  deliveredOn: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function assertDay(field: string, value: string): void {
  // An impossible day (2026-13-45) is an invalid Date, not a RangeError to throw from toISOString.
  const day = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  const valid = day !== undefined && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  if (!valid) throw new InvalidValueError(field, `must be a calendar day like 2026-11-26, got ${JSON.stringify(String(value).slice(0, 40))}`);
}

type ShipmentCommand = RecordShipment | RecordDeliveryInfoSent | ConfirmDelivery;

export function decideShipment(command: ShipmentCommand, order: OrderState & { exists: true }): OrderEvent[] {
  const shipment = order.shipment;
  switch (command.type) {
    case 'RecordShipment': {
      const { trackingCode, shippedOn, at } = command.data;
      assertText('trackingCode', trackingCode, { required: true, max: 100 });
      assertDay('shippedOn', shippedOn);
      if (shipment?.trackingCode === trackingCode && shipment.shippedOn === shippedOn) return [];
      return [{ type: 'ShipmentRecorded', data: { trackingCode, shippedOn, at } }];
    }
    case 'RecordDeliveryInfoSent': {
      // Only what is still the current shipment counts as sent: a newer tracking code is sent again.
      const { trackingCode, shippedOn, at } = command.data;
      if (!shipment || shipment.sentToPlatform || shipment.trackingCode !== trackingCode || shipment.shippedOn !== shippedOn) return [];
      return [{ type: 'DeliveryInfoSent', data: { trackingCode, shippedOn, at } }];
    }
    case 'ConfirmDelivery': {
      if (!shipment) throw new InvalidStateError('The order has no shipment to confirm');
      const { deliveredOn, at } = command.data;
      assertDay('deliveredOn', deliveredOn);
      if (deliveredOn < shipment.shippedOn) throw new InvalidValueError('deliveredOn', `is before the order was shipped on ${shipment.shippedOn}`);
      if (shipment.deliveredOn === deliveredOn) return [];
      return [{ type: 'DeliveryConfirmed', data: { trackingCode: shipment.trackingCode, deliveredOn, at } }];
    }
  }
}

/** The shipment after one of its events; delivery info and confirmation need a shipment recorded first. */
export function evolveShipment(shipment: Shipment | null, event: ShipmentRecorded | DeliveryInfoSent | DeliveryConfirmed): Shipment | null {
  switch (event.type) {
    case 'ShipmentRecorded':
      return { trackingCode: event.data.trackingCode, shippedOn: event.data.shippedOn, sentToPlatform: false, deliveredOn: null };
    case 'DeliveryInfoSent':
      return shipment ? { ...shipment, sentToPlatform: true } : shipment;
    case 'DeliveryConfirmed':
      return shipment ? { ...shipment, deliveredOn: event.data.deliveredOn } : shipment;
  }
}

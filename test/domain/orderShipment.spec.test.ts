import { orderDecider } from '../../src/domain/order/orderDecider.js';
import type { OrderEvent } from '../../src/domain/order/orderEvents.js';
import { InvalidStateError, InvalidValueError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';

const spec = DeciderSpecification.for(orderDecider);
const at = '2026-11-20T10:00:00.000Z';
const imported: OrderEvent = {
  type: 'OrderImported',
  data: {
    orderId: 'o1', integrationId: 'i1', externalId: '1001', storeName: 'Kyiv shop', platformUrl: 'https://acme.keycrm.app/app/orders/view/1001',
    platformStatus: '1', createdAtPlatform: '2026-11-19T09:00:00.000Z', responsibleUser: null, number: '1001', status: 'new',
    customer: { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: '' },
    items: [], discounts: [], discountTotal: 0, delivery: null, total: 0, currency: 'UAH', comment: '', syncedAt: at,
  },
};
const shipped: OrderEvent = { type: 'ShipmentRecorded', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } };
const sent: OrderEvent = { type: 'DeliveryInfoSent', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } };

describe('Order shipment and delivery (send delivery info, check delivery dates)', () => {
  it('given an order, when it is shipped with a tracking code, then the shipment is recorded for the store', () => {
    spec.given([imported]).when({ type: 'RecordShipment', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } }).then([shipped]);
  });

  it('given a recorded shipment, when the same one is recorded again, then nothing happens', () => {
    spec.given([imported, shipped]).when({ type: 'RecordShipment', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } }).thenNothing();
  });

  it('given an order, when the dispatch day is not a calendar day, then it is refused naming the field', () => {
    spec.given([imported]).when({ type: 'RecordShipment', data: { trackingCode: 'X1', shippedOn: '2026-02-30', at } }).thenThrows(InvalidValueError, /shippedOn/);
  });

  it('given a shipment, when the store received it, then it is sent once; a second report changes nothing', () => {
    spec.given([imported, shipped]).when({ type: 'RecordDeliveryInfoSent', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } }).then([sent]);
    spec.given([imported, shipped, sent]).when({ type: 'RecordDeliveryInfoSent', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } }).thenNothing();
  });

  it('given a shipment replaced by a new tracking code, when the old one is reported sent, then the new one still waits', () => {
    const replaced: OrderEvent = { type: 'ShipmentRecorded', data: { trackingCode: 'NEW-1', shippedOn: '2026-11-21', at } };
    spec.given([imported, shipped, replaced]).when({ type: 'RecordDeliveryInfoSent', data: { trackingCode: '20450644192161', shippedOn: '2026-11-20', at } }).thenNothing();
  });

  it('given a sent shipment, when the platform reports it delivered, then the delivery day is recorded once', () => {
    const confirmed: OrderEvent = { type: 'DeliveryConfirmed', data: { trackingCode: '20450644192161', deliveredOn: '2026-11-22', at } };
    spec.given([imported, shipped, sent]).when({ type: 'ConfirmDelivery', data: { deliveredOn: '2026-11-22', at } }).then([confirmed]);
    spec.given([imported, shipped, sent, confirmed]).when({ type: 'ConfirmDelivery', data: { deliveredOn: '2026-11-22', at } }).thenNothing();
  });

  it('given a shipment, when the platform reports a delivery before the dispatch, then it is refused', () => {
    spec.given([imported, shipped]).when({ type: 'ConfirmDelivery', data: { deliveredOn: '2026-11-19', at } }).thenThrows(InvalidValueError, /before the order was shipped/);
  });

  it('given no shipment, when a delivery is confirmed, then it is refused', () => {
    spec.given([imported]).when({ type: 'ConfirmDelivery', data: { deliveredOn: '2026-11-22', at } }).thenThrows(InvalidStateError, /no shipment/);
  });
});

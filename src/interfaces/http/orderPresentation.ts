import type { OrderDocument } from '../../application/projections/ordersProjection.js';
import { toMajorUnits } from '../../domain/shared/currencyExponent.js';

/** The API shows money in the currency's major units (450.5 EUR, 1500 JPY); the events keep minor units (45050, 1500). */
export function presentOrder(doc: OrderDocument, { withFeed = false } = {}) {
  const major = (minor: number) => toMajorUnits(minor, doc.currency);
  return {
    id: doc.id,
    number: doc.number,
    source: doc.source,
    integrationId: doc.integrationId,
    externalId: doc.externalId,
    storeName: doc.storeName,
    platformUrl: doc.platformUrl,
    status: doc.status,
    platformStatus: doc.platformStatus,
    currency: doc.currency,
    total: major(doc.total),
    discountTotal: major(doc.discountTotal),
    discounts: doc.discounts.map((d) => ({ name: d.name, amount: major(d.amount) })),
    createdAtPlatform: doc.createdAtPlatform,
    responsibleUser: doc.responsibleUser ?? null,
    paymentAccount: doc.paymentAccount ?? null,
    lastSyncedAt: doc.lastSyncedAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    customer: (({ contactId, firstName, lastName, phone, email }) => ({ contactId, firstName, lastName, phone, email }))(doc.customer),
    items: doc.items.map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, quantity: i.quantity, price: major(i.price), kind: i.kind, deductible: i.deductible })),
    delivery: doc.delivery && { method: doc.delivery.method, cost: major(doc.delivery.cost), recipient: doc.delivery.recipient, address: doc.delivery.address },
    comment: doc.comment,
    writtenOff: doc.writtenOff,
    pendingPush: doc.pendingPush ?? null,
    shipment: doc.shipment ?? null,
    ...(withFeed ? { feed: doc.feed } : {}),
  };
}

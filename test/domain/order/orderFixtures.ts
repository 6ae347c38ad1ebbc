// One imported order and the platform's later word on it, shared by the order's specifications.
import type { OrderCommand, ReceivePlatformOrder } from '../../../src/domain/order/orderCommands.js';
import { orderDecider } from '../../../src/domain/order/orderDecider.js';
import type { OrderEvent, OrderImported } from '../../../src/domain/order/orderEvents.js';
import type { OrderItem } from '../../../src/domain/order/orderParts.js';

export const at = '2026-11-01T10:00:00.000Z';
export const later = '2026-11-01T11:00:00.000Z';
export const shirt: OrderItem = { productId: 'p1', sku: 'TS-S', name: 'T-shirt S', quantity: 2, price: 45_000, kind: 'product', deductible: false };
export const delivery = { method: 'Nova Poshta', cost: 7_000, recipient: 'Olena Koval', address: 'Kyiv, branch 12' };
export const facts: ReceivePlatformOrder['data'] = {
  orderId: 'o1',
  integrationId: 'i1',
  externalId: '1001',
  storeName: 'Kyiv shop',
  platformUrl: 'https://acme.keycrm.app/app/orders/view/1001',
  platformStatus: '1',
  createdAtPlatform: '2026-10-31T09:00:00.000Z',
  responsibleUser: null,
  number: '1001',
  status: 'new',
  customer: { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' },
  items: [shirt],
  discounts: [],
  discountTotal: 0,
  delivery,
  total: 97_000,
  currency: 'UAH',
  comment: '',
  at,
};
const { at: _, ...importedData } = facts;
export { importedData };
export const imported: OrderImported = { type: 'OrderImported', data: { ...importedData, syncedAt: at } };
export const writtenOff: OrderEvent = { type: 'WriteOffDone', data: { at } };

/** The platform's copy of the order, received later, with what changed there. */
export const receive = (changes: Partial<ReceivePlatformOrder['data']>): ReceivePlatformOrder => ({
  type: 'ReceivePlatformOrder',
  data: { ...facts, at: later, ...changes },
});

export const localChange = (to: string, from = 'new'): OrderEvent => ({ type: 'StatusChanged', data: { from, to, source: 'local', at } });
export const pushed = (status: string, platformStatus: string): OrderEvent => ({ type: 'StatusPushed', data: { status, platformStatus, at } });

/** The events the order decides for a command after this history: to build the history of a later step. */
export const decided = (history: OrderEvent[], command: OrderCommand): OrderEvent[] =>
  orderDecider.decide(command, history.reduce(orderDecider.evolve, orderDecider.initialState()));

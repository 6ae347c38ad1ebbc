import { expect } from 'chai';
import { orderAsOf } from '../../../src/application/history/orderAsOf.js';
import { REDACTED, redactSecrets } from '../../../src/application/history/secretRedaction.js';
import { streamHistory } from '../../../src/application/history/streamHistory.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../../../src/application/projections/ordersProjection.js';
import type { OrderEvent } from '../../../src/domain/order/orderEvents.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';

const at = (minute: number) => new Date(`2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`);
const customer = { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' };
const item = { productId: 'p1', sku: 'TS-1', name: 'T-shirt', quantity: 2, price: 45_000, kind: 'product' as const, deductible: true };

const created: OrderEvent = {
  type: 'OrderCreated',
  data: { orderId: 'o1', createdAt: at(0).toISOString(), number: 'L-1', status: 'new', customer, items: [item], discounts: [], discountTotal: 0, delivery: null, total: 90_000, currency: 'UAH', comment: '' },
};
const statusChanged = (from: string, to: string, minute: number): OrderEvent => ({
  type: 'StatusChanged',
  data: { from, to, source: 'local', at: at(minute).toISOString() },
});

/** A store whose clock the test moves: each event is recorded at the minute it is appended in. */
function storeAtMinutes() {
  let now = at(0);
  const store = new MemoryEventStore(() => now);
  return {
    store,
    async appendAt(minute: number, stream: string, event: { type: string; data: unknown }) {
      now = at(minute);
      await store.appendToStream(stream, [event]);
    },
  };
}

describe('History of a stream', () => {
  it('given integration events, then sealed credentials are replaced, at any depth, and nothing else is touched', () => {
    expect(redactSecrets({ sealed: 'v1.abc.def', changedAt: 'x' })).to.deep.equal({ credentials: REDACTED, changedAt: 'x' });
    expect(redactSecrets({ integration: { sealedCredentials: 'blob', name: 'n' }, list: [{ credentials: { apiKey: 'k' } }] })).to.deep.equal({
      integration: { credentials: REDACTED, name: 'n' },
      list: [{ credentials: REDACTED }],
    });
    expect(redactSecrets({ status: 'new', items: [1, 2], none: null })).to.deep.equal({ status: 'new', items: [1, 2], none: null });
  });

  it('given a stream, then its events come oldest first with time and metadata, a page at a time; an unknown one is undefined', async () => {
    const { store, appendAt } = storeAtMinutes();
    await appendAt(1, 'integration-i1', { type: 'IntegrationConnected', data: { integrationId: 'i1' } });
    await appendAt(2, 'integration-i1', { type: 'IntegrationCredentialsChanged', data: { sealed: 'v1.secret-blob', changedAt: 'x' } });
    await appendAt(3, 'integration-i1', { type: 'ImportCursorAdvanced', data: { updatedUpTo: 'y', runId: 'r1' } });
    const page = await streamHistory(store, 'integration', 'i1', { page: 2, limit: 2 });
    expect(page).to.include({ total: 3, page: 2, limit: 2 });
    expect(page!.items.map((e) => [e.version, e.type, e.recordedAt])).to.deep.equal([[2, 'ImportCursorAdvanced', at(3).toISOString()]]);
    const first = await streamHistory(store, 'integration', 'i1', { page: 1, limit: 2 });
    expect(JSON.stringify(first)).to.not.contain('secret-blob');
    expect(first!.items[1].data).to.deep.equal({ credentials: REDACTED, changedAt: 'x' });
    const rest = await streamHistory(store, 'integration', 'i1', { page: 1, limit: 2, after: first!.nextCursor! });
    expect(rest).to.deep.include({ total: 3, page: null, nextCursor: null });
    expect(rest!.items.map((e) => e.version)).to.deep.equal([2]);
    expect(await streamHistory(store, 'integration', 'i2', { page: 1, limit: 2 })).to.equal(undefined);
    expect(await streamHistory(store, 'order', 'not an id!', { page: 1, limit: 2 })).to.equal(undefined);
  });
});

describe('An order as of a time', () => {
  it('given an order changed twice, then each time between changes shows it as the live projection showed it then', async () => {
    const { store, appendAt } = storeAtMinutes();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, ordersProjection);
    const live = async () => {
      await runner.catchUp();
      return readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o1');
    };
    await appendAt(10, 'order-o1', created);
    const afterCreation = await live();
    await appendAt(20, 'order-o1', statusChanged('new', 'packed', 20));
    const afterPacking = await live();
    await appendAt(30, 'order-o1', statusChanged('packed', 'sent', 30));
    const afterSending = await live();

    expect(await orderAsOf(store, 'o1', at(9))).to.equal(undefined);
    expect(await orderAsOf(store, 'o1', at(10))).to.deep.equal(afterCreation);
    expect(await orderAsOf(store, 'o1', at(19))).to.deep.equal(afterCreation);
    expect(await orderAsOf(store, 'o1', at(25))).to.deep.equal(afterPacking);
    expect(await orderAsOf(store, 'o1', at(59))).to.deep.equal(afterSending);
    expect(afterPacking!.status).to.equal('packed');
    expect(afterSending!.feed).to.have.length(3);
  });

  it('given an unknown order, then undefined at any time', async () => {
    expect(await orderAsOf(new MemoryEventStore(), 'o404', at(59))).to.equal(undefined);
  });
});

import { expect } from 'chai';
import { importPlatformOrder, platformOrderId, type OrderImportContext } from '../../src/application/import/orderImport.js';
import { ProductMatcher } from '../../src/application/import/productMatching.js';
import { StatusResolution } from '../../src/application/import/statusResolution.js';
import type { PlatformOrder } from '../../src/application/ports/platformClient.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../../src/application/projections/ordersProjection.js';
import { PRODUCTS_COLLECTION, productsProjection, type ProductDocument } from '../../src/application/projections/productsProjection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import type { IntegrationState } from '../../src/domain/integration/integrationDecider.js';
import { DEFAULT_SETTINGS, type IntegrationSettings } from '../../src/domain/integration/integrationSettings.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const at = '2026-11-01T10:00:00.000Z';
const buyer = { firstName: 'Olena', lastName: 'Koval', phone: '+380 67 123 45 67', email: 'olena@example.com' };

function platformOrder(overrides: Partial<PlatformOrder> = {}): PlatformOrder {
  return {
    externalId: '1001',
    number: '1001',
    platformUrl: 'https://acme.keycrm.app/app/orders/view/1001',
    createdAt: '2026-10-31T09:00:00.000Z',
    updatedAt: '2026-10-31T09:30:00.000Z',
    status: '1',
    currency: 'UAH',
    buyer,
    items: [{ sku: 'TS', name: 'T-shirt', quantity: 1, price: 45_000, category: 'Clothes' }],
    discounts: [],
    total: 45_000,
    ...overrides,
  };
}

async function importer(settings: Partial<IntegrationSettings> = {}) {
  const store = new MemoryEventStore();
  const readModels = new MemoryReadModels();
  const runners = [ordersProjection, productsProjection].map((p) => new ProjectionRunner(store, readModels, p));
  const integration: IntegrationState & { exists: true } = {
    exists: true,
    integrationId: 'i1',
    platform: 'keycrm',
    settings: { ...DEFAULT_SETTINGS, name: 'KeyCRM', storeName: 'Kyiv shop', baseUrl: 'https://openapi.keycrm.app/v1', currency: 'UAH', statusMap: [{ platform: '1', local: 'new' }], ...settings },
    sealedCredentials: 'sealed',
    discoveredStatuses: {},
    cursor: null,
  };
  await store.appendToStream('integration-i1', [
    { type: 'IntegrationConnected', data: { integrationId: 'i1', platform: 'keycrm', settings: integration.settings, connectedAt: at } },
  ]);
  const ctx: OrderImportContext = {
    store,
    integration,
    products: new ProductMatcher(store, readModels, integration.settings),
    statuses: new StatusResolution(store, integration, async () => [{ id: '9', name: 'Returned' }]),
    at,
  };
  return {
    async receive(order: PlatformOrder) {
      const outcome = await importPlatformOrder(ctx, { kind: 'order', order });
      for (const runner of runners) await runner.catchUp();
      return outcome;
    },
    order: (externalId = '1001') => readModels.get<OrderDocument>(ORDERS_COLLECTION, platformOrderId('i1', externalId)),
    products: () => readModels.find<ProductDocument>(PRODUCTS_COLLECTION, { orderBy: { field: 'registeredAt' } }),
    store,
  };
}

describe('Importing one platform order', () => {
  it('given items of the services category, then they become service lines and the product is flagged a service', async () => {
    const sut = await importer({ servicesCategory: 'Services' });
    await sut.receive(platformOrder({ items: [{ sku: 'GIFT', name: 'Gift wrap', quantity: 1, price: 5_000, category: 'Services' }], total: 5_000 }));
    const order = await sut.order();
    expect(order!.items[0]).to.include({ kind: 'service', sku: 'GIFT' });
    expect((await sut.products())[0]).to.include({ isService: true, unit: 'piece' });
  });

  it('given variants of one product with their own articles, then one product with SKU variants is created', async () => {
    const sut = await importer();
    const variant = (sku: string, size: string) => ({ sku, name: 'Hoodie', quantity: 1, price: 90_000, variant: { parentSku: 'HD', parentName: 'Hoodie', properties: { size } } });
    await sut.receive(platformOrder({ items: [variant('HD-S', 'S'), variant('HD-L', 'L')], total: 180_000 }));
    const products = await sut.products();
    expect(products).to.have.length(1);
    expect(products[0]).to.include({ sku: 'HD', name: 'Hoodie' });
    expect(products[0].variants.map((v) => v.sku)).to.deep.equal(['HD-S', 'HD-L']);
  });

  it('given a product known by name only, when an item without an article arrives, then it is matched by name, first match wins', async () => {
    const sut = await importer({ productMatch: ['sku', 'name'] });
    await sut.receive(platformOrder({ externalId: '1', items: [{ name: 'Mug', quantity: 1, price: 10_000 }], total: 10_000 }));
    await sut.receive(platformOrder({ externalId: '2', items: [{ name: ' mug ', quantity: 2, price: 10_000 }], total: 20_000 }));
    const products = await sut.products();
    expect(products).to.have.length(1);
    expect((await sut.order('2'))!.items[0].productId).to.equal(products[0].id);
  });

  it('given matching by article only, when an item has a known name but a new article, then a new product is created', async () => {
    const sut = await importer({ productMatch: ['sku'] });
    await sut.receive(platformOrder({ externalId: '1', items: [{ sku: 'A-1', name: 'Mug', quantity: 1, price: 10_000 }], total: 10_000 }));
    await sut.receive(platformOrder({ externalId: '2', items: [{ sku: 'A-2', name: 'Mug', quantity: 1, price: 10_000 }], total: 10_000 }));
    expect((await sut.products()).map((p) => p.sku).sort()).to.deep.equal(['A-1', 'A-2']);
  });

  it('given the source-number flag, then the source order number goes into the comment', async () => {
    const sut = await importer({ sourceNumberInComment: true });
    await sut.receive(platformOrder({ sourceNumber: 'WS-10001', comment: 'Call first' }));
    expect((await sut.order())!.comment).to.equal('Source order WS-10001\nCall first');
  });

  it('given capture statuses, then a new order in another status is skipped with a reason, and nothing is created', async () => {
    const sut = await importer({ captureStatuses: ['2'] });
    const outcome = await sut.receive(platformOrder({ status: '1' }));
    expect(outcome).to.deep.include({ outcome: 'skipped', reason: 'status 1 is not a capture status' });
    expect(await sut.order()).to.equal(undefined);
  });

  it('given a test allow-list, then only orders with a listed article are imported', async () => {
    const sut = await importer({ testAllowList: ['ONLY-THIS'] });
    expect((await sut.receive(platformOrder({ externalId: '1' }))).outcome).to.equal('skipped');
    const listed = platformOrder({ externalId: '2', items: [{ sku: 'ONLY-THIS', name: 'Test', quantity: 1, price: 100 }], total: 100 });
    expect((await sut.receive(listed)).outcome).to.equal('imported');
  });

  it('given a platform manager mapped to a local user, then the order is that user\'s', async () => {
    const sut = await importer({ managerUsers: [{ platform: '7', local: 'iryna' }], responsibleUser: 'desk' });
    await sut.receive(platformOrder({ externalId: '1', managerId: '7' }));
    await sut.receive(platformOrder({ externalId: '2', managerId: '8' }));
    expect((await sut.order('1'))!.responsibleUser).to.equal('iryna');
    expect((await sut.order('2'))!.responsibleUser).to.equal('desk');
  });

  it('given an unmapped platform status, then the order gets a local status named like the platform\'s', async () => {
    const sut = await importer();
    await sut.receive(platformOrder({ status: '9' }));
    expect((await sut.order())!.status).to.equal('Returned');
    const integrationEvents = await sut.store.readStream('integration-i1');
    expect(integrationEvents.map((e) => e.type)).to.deep.equal(['IntegrationConnected', 'PlatformStatusDiscovered']);
  });

  it('given a buyer with an unusable phone, then the order is rejected naming the phone, and the run can go on', async () => {
    const sut = await importer();
    const outcome = await sut.receive(platformOrder({ buyer: { ...buyer, phone: '12' } }));
    expect(outcome.outcome).to.equal('rejected');
    expect(outcome.reason).to.match(/buyer\.phone/);
  });
});

import { expect } from 'chai';
import sinon from 'sinon';
import { handleCommand } from '../../../src/application/commands/commandHandler.js';
import { buyerContact } from '../../../src/application/import/buyerRegistration.js';
import { importPlatformOrder, platformOrderId } from '../../../src/application/import/orderImport.js';
import { importPage } from '../../../src/application/import/pageImport.js';
import { ProductMatcher } from '../../../src/application/import/productMatching.js';
import { RememberedStreams } from '../../../src/application/import/rememberedStreams.js';
import { StatusResolution } from '../../../src/application/import/statusResolution.js';
import { StreamsConflictError, type EventStore } from '../../../src/application/ports/eventStore.js';
import type { FetchedOrder, PlatformOrder, PlatformOrderItem } from '../../../src/application/ports/platformClient.js';
import { contactStream } from '../../../src/domain/contact/contactDecider.js';
import type { IntegrationState } from '../../../src/domain/integration/integrationDecider.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/integration/integrationSettings.js';
import { orderStream } from '../../../src/domain/order/orderDecider.js';
import { productDecider, productStream } from '../../../src/domain/product/productDecider.js';
import { syncRunDecider, syncRunStream } from '../../../src/domain/syncRun/syncRunDecider.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { PostgresEventStore } from '../../../src/infrastructure/postgres/postgresEventStore.js';
import type { SqlClient } from '../../../src/infrastructure/postgres/sqlClient.js';
import { connectTestPostgres, dropSchema, sharedInMemoryPglite, uniqueSchema, unclosable } from '../../support/databases.js';

const at = '2026-11-01T10:00:00.000Z';
const buyer = (n: number) => ({ firstName: `Buyer${n}`, lastName: 'Koval', phone: `+38067123450${n}`, email: `b${n}@example.com` });

function platformOrder(externalId: string, buyerNumber: number, sku: string, items?: PlatformOrderItem[]): FetchedOrder {
  const order: PlatformOrder = {
    externalId,
    number: externalId,
    platformUrl: `https://acme.keycrm.app/app/orders/view/${externalId}`,
    createdAt: '2026-10-31T09:00:00.000Z',
    updatedAt: '2026-10-31T09:30:00.000Z',
    status: '1',
    currency: 'UAH',
    buyer: buyer(buyerNumber),
    items: items ?? [{ sku, name: `Product ${sku}`, quantity: 1, price: 45_000 }],
    discounts: [],
    total: 45_000,
  };
  return { kind: 'order', order };
}

const integration: IntegrationState & { exists: true } = {
  exists: true,
  integrationId: 'i1',
  platform: 'keycrm',
  settings: { ...DEFAULT_SETTINGS, name: 'KeyCRM', storeName: 'Kyiv shop', baseUrl: 'https://openapi.keycrm.app/v1', currency: 'UAH', statusMap: [{ platform: '1', local: 'new' }] },
  sealedCredentials: 'sealed',
  discoveredStatuses: {},
  cursor: null,
};

interface StoreUnderTest {
  store: EventStore;
  /** Makes every append of a run's outcomes fail inside the store, as a lost disk would; absent for the memory store. */
  failOutcomes?: () => Promise<void>;
  cleanup(): Promise<void>;
}

async function onSql(sql: SqlClient, cleanup: (schema: string) => Promise<void>): Promise<StoreUnderTest> {
  const schema = uniqueSchema('page');
  const store = await PostgresEventStore.create(sql, { schema, ownsClient: false });
  return {
    store,
    failOutcomes: () =>
      sql.exec(`
        CREATE FUNCTION "${schema}".refuse_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'disk full while writing %', NEW.stream_name; END $$;
        CREATE TRIGGER refuse_outcomes BEFORE INSERT ON "${schema}".events
          FOR EACH ROW WHEN (NEW.type = 'SyncRunOrdersProcessed') EXECUTE FUNCTION "${schema}".refuse_outcomes();`),
    cleanup: () => cleanup(schema),
  };
}

const stores: [string, () => Promise<StoreUnderTest>][] = [
  ['memory', async () => ({ store: new MemoryEventStore(), cleanup: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const sql = connectTestPostgres(4);
      return onSql(sql, async (schema) => {
        await dropSchema(sql, schema);
        await sql.close();
      });
    },
  ],
  [
    'PGlite',
    async () => {
      const sql = unclosable(await sharedInMemoryPglite());
      return onSql(sql, (schema) => dropSchema(sql, schema));
    },
  ],
];

for (const [name, open] of stores) {
  describe(`Importing a page of orders as one commit (${name})`, function () {
    this.timeout(30_000);
    let sut: StoreUnderTest;
    let store: EventStore;
    let products: ProductMatcher;
    let remembered: RememberedStreams;
    const readModels = new MemoryReadModels();

    beforeEach(async () => {
      sut = await open();
      store = sut.store;
      products = new ProductMatcher(store, readModels, integration.settings);
      remembered = new RememberedStreams(store);
    });
    afterEach(async () => {
      sinon.restore();
      await sut.cleanup();
    });

    async function startedRun(runId = 'r1') {
      const window = { from: '2026-10-01T00:00:00.000Z', to: at };
      const started = await handleCommand(store, syncRunDecider, syncRunStream(runId), {
        type: 'StartSyncRun',
        data: { runId, integrationId: 'i1', trigger: 'api', window, at },
      });
      return { stream: syncRunStream(runId), known: { state: started.state, version: started.version } };
    }

    const context = () => ({ store, integration, products, remembered, statuses: new StatusResolution(store, integration, async () => []), at });
    const eventsOf = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);
    const order = (externalId: string) => orderStream(platformOrderId('i1', externalId));

    it('given a page of three orders, when imported, then every event of the page and its outcomes go in one multi-stream append, outcomes last', async () => {
      const run = await startedRun();
      const single = sinon.spy(store, 'appendToStream');
      const multi = sinon.spy(store, 'appendToStreams');

      const after = await importPage(context(), [platformOrder('1', 1, 'A'), platformOrder('2', 2, 'B'), platformOrder('3', 3, 'C')], run);

      expect(single.callCount, 'single appends during the page').to.equal(0);
      expect(multi.callCount).to.equal(1);
      const streams = multi.firstCall.args[0].map((a) => a.streamName);
      expect(streams).to.have.length(3 * 3 + 1);
      expect(streams[streams.length - 1]).to.equal(run.stream);
      // What an order refers to is written before the order: a stream-by-stream store stops before the order, never after it.
      expect(streams.indexOf(contactStream(buyerContact(buyer(1)).contactId))).to.be.lessThan(streams.indexOf(order('1')));
      expect(await eventsOf(run.stream)).to.deep.equal(['SyncRunStarted', 'SyncRunOrdersProcessed']);
      expect(after.version).to.equal(1);
      expect(after.state).to.deep.include({ counts: { imported: 3, updated: 0, unchanged: 0, rejected: 0, skipped: 0 } });
    });

    it('given two orders of one buyer in one page, when imported, then the second finds the contact the first registered: one contact, both orders on it', async () => {
      const run = await startedRun();
      const outcomes = await importPage(context(), [platformOrder('1', 7, 'A'), platformOrder('2', 7, 'B')], run);

      const contactId = buyerContact(buyer(7)).contactId;
      expect(await eventsOf(contactStream(contactId))).to.deep.equal(['ContactRegistered']);
      for (const externalId of ['1', '2']) {
        const [imported] = await store.readStream(order(externalId));
        expect((imported.data as { customer: { contactId: string } }).customer.contactId).to.equal(contactId);
      }
      expect(outcomes.state).to.deep.include({ counts: { imported: 2, updated: 0, unchanged: 0, rejected: 0, skipped: 0 } });
    });

    it('given another process imports one order of the page meanwhile, when the page commits, then only that order is decided again and every order exists once', async () => {
      const run = await startedRun();
      const page = [platformOrder('1', 1, 'A'), platformOrder('2', 2, 'B'), platformOrder('3', 3, 'C')];
      const reads = sinon.spy(store, 'readStream');
      let readsBeforeRedo = 0;
      const commit = sinon.stub(store, 'appendToStreams').callThrough();
      commit.onFirstCall().callsFake(async (appends) => {
        // A webhook of order 2 lands between the page's decisions and its commit.
        await importPlatformOrder({ ...context(), products: new ProductMatcher(store, readModels, integration.settings) }, page[1]);
        readsBeforeRedo = reads.callCount;
        return commit.wrappedMethod.call(store, appends);
      });

      const after = await importPage(context(), page, run);

      expect(commit.callCount).to.equal(2);
      const refused = await commit.firstCall.returnValue.catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(StreamsConflictError);
      const redoneStreams = reads.getCalls().slice(readsBeforeRedo).map((c) => c.args[0]);
      expect(redoneStreams).to.include(order('2'));
      expect(redoneStreams).not.to.include(order('1'));
      expect(redoneStreams).not.to.include(order('3'));
      expect(commit.secondCall.args[0].map((a) => a.streamName)).not.to.include(order('2'));
      for (const externalId of ['1', '2', '3']) expect(await eventsOf(order(externalId))).to.deep.equal(['OrderImported']);
      expect(after.state).to.deep.include({ counts: { imported: 2, updated: 0, unchanged: 1, rejected: 0, skipped: 0 } });
    });

    it('given two orders of a page sharing a new product, when the one that registered it is decided again, then the product is still registered once and both orders refer to it', async () => {
      const run = await startedRun();
      const commit = sinon.stub(store, 'appendToStreams').callThrough();
      commit.onFirstCall().callsFake(async (appends) => {
        await store.appendToStream(order('1'), [{ type: 'OrderNoted', data: {} }]);
        return commit.wrappedMethod.call(store, appends);
      });

      await importPage(context(), [platformOrder('1', 1, 'SHARED'), platformOrder('2', 2, 'SHARED')], run);

      const registered = (await store.readAll({ maxCount: 1_000 })).filter((e) => e.type === 'ProductRegistered');
      expect(registered).to.have.length(1);
      for (const externalId of ['1', '2']) {
        const imported = (await store.readStream(order(externalId))).find((e) => e.type === 'OrderImported')!;
        expect((imported.data as { items: { productId: string }[] }).items[0].productId).to.equal(registered[0].streamName.replace(/^product-/, ''));
      }
    });

    it('given a product read by an earlier page of the run, when a later page brings a new variant of it, then that page reads only what was appended since (its own page\'s and another process\'s variants) and the product holds every variant once', async () => {
      const tee = (size: string): PlatformOrderItem => ({ sku: `TEE-${size}`, name: `Tee ${size}`, quantity: 1, price: 45_000, variant: { parentSku: 'TEE', parentName: 'Tee', properties: { size } } });
      let run = await startedRun();
      run = { ...run, known: await importPage(context(), [platformOrder('1', 1, '', [tee('S')])], run) };
      run = { ...run, known: await importPage(context(), [platformOrder('2', 2, '', [tee('M')])], run) };
      const product = (await store.readAll({ maxCount: 1_000 })).find((e) => e.type === 'ProductRegistered')!.streamName;
      const { productId } = (await store.readStream(product))[0].data as { productId: string };
      // Another sync run, of another integration, adds a variant of the same product between the pages.
      await handleCommand(store, productDecider, productStream(productId), {
        type: 'EnsureProduct',
        data: { productId, sku: 'TEE', name: 'Tee', description: '', category: '', isService: false, variant: { sku: 'TEE-X', properties: { size: 'XL' } }, at },
      });
      const reads = sinon.spy(store, 'readStreams');

      await importPage(context(), [platformOrder('3', 3, '', [tee('L')])], run);

      // The second page read the product whole (registered with S): the third reads from the second's M on.
      const productRead = reads.getCalls().find((call) => call.args[0].includes(product))!;
      expect(productRead.args[1]?.fromVersions?.get(product)).to.equal(1);
      expect((await productRead.returnValue).get(product)!.map((e) => e.version)).to.deep.equal([1, 2]);
      const [registered, ...added] = await store.readStream(product);
      const variants = [...(registered.data as { variants: { sku: string }[] }).variants, ...added.map((e) => (e.data as { variant: { sku: string } }).variant)];
      expect(variants.map((v) => v.sku)).to.deep.equal(['TEE-S', 'TEE-M', 'TEE-X', 'TEE-L']);
    });

    it('given another process writes an order of the page before every commit, then the page gives up after a bounded number of attempts with the conflict, writing nothing', async () => {
      const run = await startedRun();
      const commit = sinon.stub(store, 'appendToStreams').callsFake(async (appends) => {
        await store.appendToStream(order('1'), [{ type: 'OrderNoted', data: {} }]);
        return commit.wrappedMethod.call(store, appends);
      });

      const error = await importPage(context(), [platformOrder('1', 1, 'A'), platformOrder('2', 2, 'B')], run).catch((e: unknown) => e);

      expect(error).to.be.instanceOf(StreamsConflictError);
      expect(commit.callCount).to.equal(5);
      expect(await eventsOf(order('2'))).to.deep.equal([]);
      expect(await eventsOf(run.stream)).to.deep.equal(['SyncRunStarted']);
    });

    if (name !== 'memory') {
      it('given the store fails writing the last stream of the page (the run\'s outcomes), then none of the page\'s orders, contacts or products is written', async () => {
        const run = await startedRun();
        await sut.failOutcomes!();
        const page = [platformOrder('1', 1, 'A'), platformOrder('2', 2, 'B')];

        const error = await importPage(context(), page, run).catch((e: Error) => e);

        expect(error).to.be.instanceOf(Error);
        expect(String(error)).to.match(/disk full while writing syncrun-r1/);
        const written = await store.readAll({ maxCount: 1_000 });
        expect(written.map((e) => e.type)).to.deep.equal(['SyncRunStarted']);
      });
    }
  });
}

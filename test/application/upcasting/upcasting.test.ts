import { expect } from 'chai';
import { handleCommand, loadState } from '../../../src/application/commands/commandHandler.js';
import type { RecordedEvent } from '../../../src/application/ports/eventStore.js';
import { AUTOMATION_RUNS_COLLECTION, automationRunsProjection, type AutomationRunDocument } from '../../../src/application/projections/automationRunsProjection.js';
import { ORDERS_COLLECTION, ordersProjection, type OrderDocument } from '../../../src/application/projections/ordersProjection.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { currentSchemaVersion, upcastData } from '../../../src/application/upcasting/schemaVersions.js';
import type { UpcasterRegistry } from '../../../src/application/upcasting/upcasters.js';
import { upcastEvent, upcasting, UpcastingEventStore } from '../../../src/application/upcasting/upcastingEventStore.js';
import { loadIntegration } from '../../../src/application/integrations/integrationUseCases.js';
import { automationRunDecider } from '../../../src/domain/automation/automationRunDecider.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/integration/integrationSettings.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import type { Decider } from '../../../src/domain/shared/decider.js';
import { PostgresEventStore } from '../../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../../src/infrastructure/postgres/postgresReadModels.js';
import type { PgSqlClient } from '../../../src/infrastructure/postgres/pgSqlClient.js';
import { connectTestPostgres, dropSchema, uniqueSchema } from '../../support/databases.js';

/** A made-up type that changed twice: v1 {a}, v2 {a, b}, v3 {c, b}. */
const twice: UpcasterRegistry = {
  Thing: {
    1: (data) => ({ ...data, b: 0 }),
    2: ({ a, ...rest }) => ({ ...rest, c: a }),
  },
};

const recordedThing = (data: unknown, metadata: Record<string, unknown>): RecordedEvent => ({
  id: 'e1', streamName: 'thing-1', version: 0, position: 1, type: 'Thing', data, metadata, recordedAt: new Date(),
});

describe('Versioned event types and upcasters', () => {
  it('given the registry, then a type is written in the version after its last upcaster; a type without upcasters in version 1', () => {
    expect(currentSchemaVersion('AutomationRunFinished')).to.equal(2);
    expect(currentSchemaVersion('OrderImported')).to.equal(2);
    expect(currentSchemaVersion('IntegrationConnected')).to.equal(4);
    expect(currentSchemaVersion('IntegrationSettingsChanged')).to.equal(2);
    expect(currentSchemaVersion('StatusChanged')).to.equal(1);
    expect(currentSchemaVersion('Thing', twice)).to.equal(3);
  });

  it('given an event stored in an older version, then each upcaster from that version on is applied in turn', () => {
    expect(upcastData('Thing', { a: 5 }, 1, twice)).to.deep.equal({ data: { b: 0, c: 5 }, version: 3 });
    expect(upcastData('Thing', { a: 5, b: 2 }, 2, twice)).to.deep.equal({ data: { b: 2, c: 5 }, version: 3 });
    expect(upcastData('Thing', { c: 5, b: 2 }, 3, twice)).to.deep.equal({ data: { c: 5, b: 2 }, version: 3 });
  });

  it('given an event without schemaVersion, then it is version 1; one already current is handed on as it is', () => {
    const old = upcastEvent(recordedThing({ a: 1 }, { actor: 'system' }), twice);
    expect(old.data).to.deep.equal({ b: 0, c: 1 });
    expect(old.metadata).to.deep.equal({ actor: 'system', schemaVersion: 3, storedSchemaVersion: 1 });
    const current = recordedThing({ c: 1, b: 0 }, { schemaVersion: 3 });
    expect(upcastEvent(current, twice)).to.equal(current);
  });

  describe('IntegrationConnected v1: stores connected before the regression guard and the pending-payment rule', () => {
    const v1 = { integrationId: 'i1', platform: 'keycrm', settings: { name: 'Old shop', storeName: 'Old shop', currency: 'UAH', statusMap: [] }, connectedAt: '2025-01-01T10:00:00.000Z' };

    it('given settings without them, when upcast, then the store has the default guard and rule, and the rest as stored', () => {
      expect(upcastData('IntegrationConnected', v1, 1)).to.deep.equal({
        data: { ...v1, settings: { ...v1.settings, regressionGuard: DEFAULT_SETTINGS.regressionGuard, pendingPayment: DEFAULT_SETTINGS.pendingPayment, country: 'UA', platformOptions: {} } },
        version: 4,
      });
    });

    it('given settings that already had them (written in v1 after they existed), when upcast, then they are kept', () => {
      const regressionGuard = { invoiced: ['billed'], cannotReturnTo: ['draft'] };
      const pendingPayment = { status: 'unpaid', openStatus: 'paid', giveUpAfterDays: 3 };
      const { data } = upcastData('IntegrationConnected', { ...v1, settings: { ...v1.settings, regressionGuard, pendingPayment } }, 1);
      expect((data as { settings: unknown }).settings).to.deep.include({ regressionGuard, pendingPayment });
    });

    it('given an event without settings at all, when upcast, then it is handed on as it is', () => {
      expect(upcastData('IntegrationConnected', { integrationId: 'i1' }, 1)).to.deep.equal({ data: { integrationId: 'i1' }, version: 4 });
    });

    it('given the v1 stream, when the integration is loaded, then its orders get the default guard and its payments the default rule', async () => {
      const store = new MemoryEventStore();
      await store.appendToStream('integration-i1', [{ type: 'IntegrationConnected', data: v1 }]);
      const integration = await loadIntegration(upcasting(store), 'i1');
      expect(integration.settings.regressionGuard).to.deep.equal(DEFAULT_SETTINGS.regressionGuard);
      expect(integration.settings.pendingPayment).to.deep.equal(DEFAULT_SETTINGS.pendingPayment);
      expect((await loadIntegration(store, 'i1')).settings).to.not.have.property('regressionGuard');
    });
  });

  describe('IntegrationConnected v2: stores connected before stores had a country for their buyers\' phones and platform options', () => {
    const v2 = { integrationId: 'i1', platform: 'woocommerce', settings: { name: 'Old shop', storeName: 'Old shop', currency: 'USD', statusMap: [] }, connectedAt: '2025-01-01T10:00:00.000Z' };

    it('given a store selling in one country\'s currency, when upcast, then its country follows from the currency', () => {
      expect(upcastData('IntegrationConnected', v2, 2)).to.deep.equal({ data: { ...v2, settings: { ...v2.settings, country: 'US', platformOptions: {} } }, version: 4 });
    });

    it('given a store selling in a currency of several countries, when upcast, then it has no country', () => {
      const euro = { ...v2, settings: { ...v2.settings, currency: 'EUR' } };
      expect(upcastData('IntegrationConnected', euro, 2).data).to.deep.equal({ ...euro, settings: { ...euro.settings, country: null, platformOptions: {} } });
    });

    it('given settings that name a country already, when upcast, then it is kept', () => {
      const named = { ...v2, settings: { ...v2.settings, country: 'EC', platformOptions: { apiVersion: '2026-10' } } };
      expect(upcastData('IntegrationConnected', named, 2).data).to.deep.equal(named);
    });
  });

  describe('IntegrationConnected v3 and IntegrationSettingsChanged v1: statusRoles, which nothing read', () => {
    it('given settings with statusRoles, when upcast, then they are gone and everything else is as stored', () => {
      const v3 = { integrationId: 'i1', platform: 'keycrm', settings: { name: 'Shop', paymentAccount: 'Cash desk 1', statusRoles: { received: '2', rejected: null, stockReserved: null } } };
      expect(upcastData('IntegrationConnected', v3, 3)).to.deep.equal({ data: { ...v3, settings: { name: 'Shop', paymentAccount: 'Cash desk 1' } }, version: 4 });
      const changed = { changes: { statusRoles: { received: '2' }, paymentAccount: 'Cash desk 2' }, changedAt: '2025-01-01T10:00:00.000Z' };
      expect(upcastData('IntegrationSettingsChanged', changed, 1)).to.deep.equal({ data: { changes: { paymentAccount: 'Cash desk 2' }, changedAt: changed.changedAt }, version: 2 });
    });
  });

  describe('over PostgreSQL, events written in the old shape', () => {
    let sql: PgSqlClient;
    let schema: string;
    let raw: PostgresEventStore;
    let readModels: PostgresReadModels;
    const runStream = 'automationrun-r1';
    const finishedV1 = { integrationId: 'i1', automation: 'status-push', outcome: 'succeeded', counts: { pushed: 2 }, error: null, finishedAt: '2025-01-01T10:05:00.000Z' };

    before(async () => {
      sql = connectTestPostgres(4);
      schema = uniqueSchema('upcast');
      raw = await PostgresEventStore.create(sql, { schema, ownsClient: false, pollIntervalMs: 50 });
      readModels = await PostgresReadModels.create(sql, { schema, ownsClient: false });
      // As the first versions wrote them: no metadata at all, no retryNotBefore, no responsibleUser.
      await raw.appendToStream(runStream, [
        { type: 'AutomationRunStarted', data: { runId: 'r1', integrationId: 'i1', automation: 'status-push', trigger: 'schedule', startedAt: '2025-01-01T10:00:00.000Z' } },
        { type: 'AutomationRunFinished', data: finishedV1 },
      ]);
    });

    after(async () => {
      await dropSchema(sql, schema);
      await sql.close();
    });

    it('when read by stream, from the log or by subscription, then the event is in the current shape; the stored one is unchanged', async () => {
      const store = upcasting(raw);
      const [, byStream] = await store.readStream(runStream);
      const [, fromLog] = await store.readAll({ maxCount: 10 });
      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribe({ onEvents: async (events) => void delivered.push(...events) });
      await subscription.caughtUp;
      await subscription.stop();
      for (const event of [byStream, fromLog, delivered[1]]) {
        expect(event.data).to.deep.equal({ ...finishedV1, retryNotBefore: null });
        expect(event.metadata).to.deep.equal({ schemaVersion: 2, storedSchemaVersion: 1 });
      }
      const [, stored] = await raw.readStream(runStream);
      expect(stored.data).to.not.have.property('retryNotBefore');
    });

    it('when a decider folds the stream, then it is handed the current shape', async () => {
      const seen: unknown[] = [];
      const recorder: Decider<null, never, { type: string; data: Record<string, unknown> }> = {
        initialState: () => null,
        evolve: (state, event) => (seen.push(event.data), state),
        decide: () => [],
      };
      await loadState(upcasting(raw), recorder, runStream);
      expect(seen[1]).to.deep.equal({ ...finishedV1, retryNotBefore: null });
      expect((await loadState(upcasting(raw), automationRunDecider, runStream)).status).to.equal('ended');
    });

    it('when the read model is rebuilt, then the old run has retryNotBefore null, which the projection no longer defaults', async () => {
      const runner = new ProjectionRunner(upcasting(raw), readModels, automationRunsProjection);
      await runner.rebuild();
      const doc = await readModels.get<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, 'r1');
      expect(doc).to.have.property('retryNotBefore', null);
      expect(doc).to.include({ status: 'succeeded', finishedAt: finishedV1.finishedAt });

      // The same rebuild without upcasting leaves the field out: what the upcaster is there for.
      await new ProjectionRunner(raw, readModels, automationRunsProjection).rebuild();
      expect(await readModels.get<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, 'r1')).to.not.have.property('retryNotBefore');
    });

    it('given an order imported in v1, when the orders read model is rebuilt, then its responsible user is null', async () => {
      await raw.appendToStream('order-o1', [
        {
          type: 'OrderImported',
          data: {
            orderId: 'o1', integrationId: 'i1', externalId: '77', storeName: 'Odesa shop', platformUrl: 'https://odesa.example/77', platformStatus: '1',
            createdAtPlatform: '2025-01-01T09:00:00.000Z', syncedAt: '2025-01-01T09:01:00.000Z', number: 'W-77', status: 'new',
            customer: { contactId: 'c1', firstName: 'O', lastName: 'K', phone: '+380671234567', email: '' }, items: [], discounts: [], discountTotal: 0,
            delivery: null, total: 0, currency: 'UAH', comment: '',
          },
        },
      ]);
      await new ProjectionRunner(upcasting(raw), readModels, ordersProjection).rebuild();
      expect(await readModels.get<OrderDocument>(ORDERS_COLLECTION, 'o1')).to.have.property('responsibleUser', null);
    });

    it('when a command appends, then the event is stored with the current schema version and read back without upcasting', async () => {
      const store = new UpcastingEventStore(raw);
      const stream = 'automationrun-r2';
      await handleCommand(store, automationRunDecider, stream, {
        type: 'StartAutomationRun',
        data: { runId: 'r2', integrationId: 'i1', automation: 'stock-push', trigger: 'manual', at: '2025-01-02T10:00:00.000Z' },
      });
      await handleCommand(store, automationRunDecider, stream, {
        type: 'FinishAutomationRun',
        data: { outcome: 'failed', counts: {}, error: 'down', at: '2025-01-02T10:01:00.000Z', retryNotBefore: '2025-01-02T10:30:00.000Z' },
      });
      const stored = await raw.readStream(stream);
      expect(stored.map((e) => e.metadata.schemaVersion)).to.deep.equal([1, 2]);
      const [, finished] = await store.readStream(stream);
      expect(finished.metadata).to.not.have.property('storedSchemaVersion');
      expect(finished.data).to.include({ retryNotBefore: '2025-01-02T10:30:00.000Z' });
    });
  });
});

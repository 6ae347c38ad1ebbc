import { expect } from 'chai';
import type { RecordedEvent } from '../../src/application/ports/eventStore.js';
import type { FindQuery, KeysetBound, ReadModelDocument, ReadModels } from '../../src/application/ports/readModels.js';
import type { Projection } from '../../src/application/projections/projection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';

export interface ReadModelsUnderTest {
  readModels: ReadModels;
  cleanup(): Promise<void>;
}

/** Counts every application of an event, so a double application shows as a count above one. */
function countingProjection(failOnce?: { position: number }): Projection {
  return {
    name: 'counting',
    collections: ['tallies'],
    handles: new Set(['Counted']),
    async apply(event: RecordedEvent, tx) {
      const id = (event.data as { tally: string }).tally;
      const tally = (await tx.get<{ applied: Record<string, number> }>('tallies', id)) ?? { applied: {} };
      tally.applied[event.id] = (tally.applied[event.id] ?? 0) + 1;
      await tx.put('tallies', id, tally);
      if (failOnce && event.position === failOnce.position) {
        failOnce = undefined;
        throw new Error('crash between write and checkpoint');
      }
    },
  };
}

export function readModelsContract(name: string, factory: () => Promise<ReadModelsUnderTest>): void {
  describe(`ReadModels contract: ${name}`, function () {
    this.timeout(30_000);
    let readModels: ReadModels;
    let cleanup: () => Promise<void>;

    beforeEach(async () => ({ readModels, cleanup } = await factory()));
    afterEach(async () => cleanup());

    async function seed(store: MemoryEventStore, count: number) {
      for (let i = 0; i < count; i++) {
        await store.appendToStream(`tally-${i % 3}`, [{ type: 'Counted', data: { tally: `t${i % 3}` } }]);
      }
      return store.readAll({ maxCount: 1000 });
    }

    async function appliedCounts() {
      const tallies = await readModels.find<{ applied: Record<string, number> }>('tallies');
      return tallies.flatMap((t) => Object.values(t.applied));
    }

    it('given a transaction, then its documents and checkpoint are visible together', async () => {
      await readModels.transact('p', async (tx) => {
        expect(tx.checkpoint).to.equal(undefined);
        await tx.put('orders', 'o1', { number: 'A-1', total: 10 });
        return 7;
      });
      expect(await readModels.get('orders', 'o1')).to.deep.equal({ number: 'A-1', total: 10 });
      expect(await readModels.checkpoint('p')).to.equal(7);
      await readModels.transact('p', async (tx) => {
        expect(tx.checkpoint).to.equal(7);
        expect(await tx.get('orders', 'o1')).to.deep.equal({ number: 'A-1', total: 10 });
        await tx.delete('orders', 'o1');
        expect(await tx.get('orders', 'o1')).to.equal(undefined);
        return 8;
      });
      expect(await readModels.get('orders', 'o1')).to.equal(undefined);
    });

    it('given a crash between the write and the checkpoint, then neither is stored', async () => {
      await readModels.transact('p', async (tx) => (await tx.put('orders', 'o1', { v: 1 }), 1));
      const error = await readModels
        .transact('p', async (tx) => {
          await tx.put('orders', 'o1', { v: 2 });
          await tx.put('orders', 'o2', { v: 2 });
          throw new Error('crash');
        })
        .catch((e: Error) => e);
      expect((error as Error).message).to.equal('crash');
      expect(await readModels.get('orders', 'o1')).to.deep.equal({ v: 1 });
      expect(await readModels.get('orders', 'o2')).to.equal(undefined);
      expect(await readModels.checkpoint('p')).to.equal(1);
    });

    it('given concurrent transactions of one projection, then they are serialised and none is lost', async () => {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          readModels.transact('p', async (tx) => {
            const counter = (await tx.get<{ n: number }>('counters', 'c')) ?? { n: 0 };
            await tx.put('counters', 'c', { n: counter.n + 1 });
            return (tx.checkpoint ?? 0) + 1;
          }),
        ),
      );
      expect(await readModels.get('counters', 'c')).to.deep.equal({ n: 10 });
      expect(await readModels.checkpoint('p')).to.equal(10);
    });

    it('given documents, then find filters by fields, sorts, pages, and count agrees', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { store: 'keycrm', number: 3 });
        await tx.put('orders', 'b', { store: 'local', number: 1 });
        await tx.put('orders', 'c', { store: 'keycrm', number: 2 });
        await tx.put('orders', 'd', { store: 'keycrm', number: 1 });
        await tx.put('other', 'a', { store: 'keycrm', number: 0 });
        return 1;
      });
      const sorted = await readModels.find('orders', { where: { store: 'keycrm' }, orderBy: { field: 'number' } });
      expect(sorted.map((d) => d.number)).to.deep.equal([1, 2, 3]);
      const page = await readModels.find('orders', { orderBy: { field: 'number', descending: true }, limit: 2, offset: 1 });
      expect(page.map((d) => d.number)).to.deep.equal([2, 1]);
      expect(await readModels.count('orders', { store: 'keycrm' })).to.equal(3);
      expect(await readModels.count('orders')).to.equal(4);
      const withoutNumber = await readModels.find('orders', { where: { store: 'local' }, omit: ['number'] });
      expect(withoutNumber).to.deep.equal([{ store: 'local' }]);
      expect(await readModels.get('orders', 'b')).to.deep.equal({ store: 'local', number: 1 });
    });

    it('given documents, then a filter mixing indexed fields (integrationId, pushPending), a null and an unindexed field finds exactly the matches', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { integrationId: 'i1', pushPending: true, responsibleUser: null, number: 1 });
        await tx.put('orders', 'b', { integrationId: 'i1', pushPending: true, responsibleUser: 'olena', number: 2 });
        await tx.put('orders', 'c', { integrationId: 'i1', pushPending: false, responsibleUser: null, number: 3 });
        await tx.put('orders', 'd', { integrationId: 'i2', pushPending: true, number: 4 });
        return 1;
      });
      const numbers = async (where: Record<string, string | number | boolean | null>) =>
        (await readModels.find('orders', { where, orderBy: { field: 'number' } })).map((d) => d.number);
      expect(await numbers({ integrationId: 'i1', pushPending: true })).to.deep.equal([1, 2]);
      expect(await numbers({ integrationId: 'i1', responsibleUser: null })).to.deep.equal([1, 3]);
      expect(await numbers({ pushPending: true, number: 4 })).to.deep.equal([4]);
      expect(await readModels.count('orders', { integrationId: 'i1', pushPending: true, responsibleUser: 'olena' })).to.equal(1);
    });

    it('given documents, when found by one of several values of a field, indexed or not, then exactly those match, beside the other filters, and none for no values', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('products', 'a', { sku: 'A-1', kind: 'x', number: 1 });
        await tx.put('products', 'b', { sku: 'B-2', kind: 'y', number: 2 });
        await tx.put('products', 'c', { sku: 'C-3', kind: 'x', number: 3 });
        await tx.put('products', 'd', { sku: 'A-1', kind: 'y', number: 4 });
        return 1;
      });
      const numbers = async (query: FindQuery) => (await readModels.find('products', { ...query, orderBy: { field: 'number' } })).map((d) => d.number);
      expect(await numbers({ whereIn: { field: 'sku', values: ['A-1', 'C-3', 'Z-9'] } })).to.deep.equal([1, 3, 4]);
      expect(await numbers({ whereIn: { field: 'sku', values: ['A-1', 'B-2'] }, where: { kind: 'y' } })).to.deep.equal([2, 4]);
      expect(await numbers({ whereIn: { field: 'number', values: [2, 3] } })).to.deep.equal([2, 3]);
      expect(await numbers({ whereIn: { field: 'sku', values: [] } })).to.deep.equal([]);
    });

    it('given documents, when a batch prefetches some, then its gets answer them as stored, a missing one as absent, and its own writes first', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { number: 1 });
        return 1;
      });
      await readModels.transact('p', async (tx) => {
        await tx.prefetch?.([['orders', 'a'], ['orders', 'missing']]);
        expect(await tx.get('orders', 'a')).to.deep.equal({ number: 1 });
        expect(await tx.get('orders', 'missing')).to.equal(undefined);
        await tx.put('orders', 'a', { number: 2 });
        expect(await tx.get('orders', 'a')).to.deep.equal({ number: 2 });
        return 2;
      });
      expect(await readModels.get('orders', 'a')).to.deep.equal({ number: 2 });
    });

    it('given documents, when searched by text, then any listed field containing it matches, case-insensitively and literally', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('contacts', 'a', { name: 'Olena Shevchenko', email: 'olena@example.com' });
        await tx.put('contacts', 'b', { name: 'Taras', email: 'SHEV@example.com' });
        await tx.put('contacts', 'c', { name: '100% Cotton_Shop', email: 'x@example.com' });
        await tx.put('contacts', 'd', { name: 'Ivan', email: 'ivan@example.com' });
        return 1;
      });
      const found = await readModels.find('contacts', {
        matching: { fields: ['name', 'email'], text: 'shev' },
        orderBy: { field: 'name' },
      });
      expect(found.map((d) => d.name)).to.deep.equal(['Olena Shevchenko', 'Taras']);
      expect(await readModels.count('contacts', {}, { fields: ['name', 'email'], text: 'shev' })).to.equal(2);
      const literal = await readModels.find('contacts', { matching: { fields: ['name'], text: '0% c' } });
      expect(literal.map((d) => d.name)).to.deep.equal(['100% Cotton_Shop']);
      expect(await readModels.count('contacts', {}, { fields: ['name'], text: '%' })).to.equal(1);
      expect(await readModels.count('contacts', {}, { fields: ['name'], text: 'o_t' })).to.equal(0);
    });

    it('given documents, when a page is found, then it comes with the total of its filter, also past the end and for a text search', async () => {
      await readModels.transact('p', async (tx) => {
        for (let i = 1; i <= 5; i++) await tx.put('orders', `o${i}`, { id: `o${i}`, store: i % 2 ? 'keycrm' : 'local', number: i });
        await tx.put('other', 'x', { store: 'keycrm', number: 9 });
        return 1;
      });
      const keycrm = await readModels.findPage('orders', { where: { store: 'keycrm' }, orderBy: { field: 'number', descending: true }, limit: 2 });
      expect(keycrm).to.deep.equal({
        total: 3,
        items: [
          { id: 'o5', store: 'keycrm', number: 5 },
          { id: 'o3', store: 'keycrm', number: 3 },
        ],
      });
      expect(await readModels.findPage('orders', { where: { store: 'keycrm' }, limit: 2, offset: 4 })).to.deep.equal({ total: 3, items: [] });
      expect(await readModels.findPage('orders', { where: { store: 'none' }, limit: 2 })).to.deep.equal({ total: 0, items: [] });
      const searched = await readModels.findPage('orders', { matching: { fields: ['store'], text: 'LOC' }, limit: 1 });
      expect(searched).to.deep.equal({ total: 2, items: [{ id: 'o2', store: 'local', number: 2 }] });
    });

    describe('keyset paging', () => {
      /** Every document of the find, a page of `limit` at a time, each page after the last document of the one before. */
      async function walk(query: FindQuery, limit: number) {
        const seen: ReadModelDocument[] = [];
        for (let page = await readModels.findPage('docs', { ...query, limit }); ; ) {
          seen.push(...page.items);
          if (page.items.length < limit) return seen;
          const last = page.items[page.items.length - 1];
          const value = (query.orderBy ? (last[query.orderBy.field] ?? null) : null) as KeysetBound['value'];
          page = await readModels.findPage('docs', { ...query, limit, after: { value, id: last.id as string } });
          expect(page.total, 'the total stays that of the filter').to.equal(await readModels.count('docs', query.where, query.matching));
        }
      }

      beforeEach(async () => {
        await readModels.transact('p', async (tx) => {
          const days = ['2024-01-03', '2024-01-01', '2024-01-02', '2024-01-02', '2024-01-02', '2024-01-04', '2024-01-01'];
          for (const [i, day] of days.entries()) await tx.put('docs', `d${i}`, { id: `d${i}`, kind: i % 3 === 0 ? 'odd' : 'even', createdAt: day, rank: i % 4 });
          await tx.put('other', 'd9', { id: 'd9', kind: 'even', createdAt: '2024-01-02', rank: 0 });
          return 1;
        });
      });

      it('given a bound, then a find gives the documents after it in its order, ascending and descending, ties by id, within its filter', async () => {
        const ids = (docs: ReadModelDocument[]) => docs.map((doc) => doc.id);
        const newestFirst = { field: 'createdAt', descending: true };
        expect(ids(await readModels.find('docs', { orderBy: newestFirst, after: { value: '2024-01-02', id: 'd3' } }))).to.deep.equal(['d2', 'd6', 'd1']);
        expect(ids(await readModels.find('docs', { orderBy: { field: 'createdAt' }, after: { value: '2024-01-02', id: 'd3' } }))).to.deep.equal(['d4', 'd0', 'd5']);
        expect(ids(await readModels.find('docs', { where: { kind: 'even' }, orderBy: newestFirst, after: { value: '2024-01-03', id: 'd0' }, limit: 2 }))).to.deep.equal(['d4', 'd2']);
        expect(ids(await readModels.find('docs', { orderBy: { field: 'rank' }, after: { value: 2, id: 'd2' } }))).to.deep.equal(['d6', 'd3']);
        expect(ids(await readModels.find('docs', { after: { value: null, id: 'd4' } }))).to.deep.equal(['d5', 'd6']);
        expect(ids(await readModels.find('docs', { orderBy: newestFirst, after: { value: '2024-01-01', id: 'd1' } }))).to.deep.equal([]);
      });

      it('given documents, when walked a page at a time by keyset, then each comes exactly once, in the order of the whole find', async () => {
        for (const query of [
          { orderBy: { field: 'createdAt', descending: true } },
          { orderBy: { field: 'createdAt' } },
          { where: { kind: 'even' }, orderBy: { field: 'rank', descending: true } },
          { matching: { fields: ['kind'], text: 'EVEN' }, orderBy: { field: 'createdAt' } },
          {},
        ] as FindQuery[]) {
          expect(await walk(query, 2), JSON.stringify(query)).to.deep.equal(await readModels.find('docs', query));
        }
      });

      it('given documents lacking the sort field, when walked by keyset, then each still comes exactly once, where the find sorts them', async () => {
        await readModels.transact('p', async (tx) => {
          await tx.put('docs', 'n1', { id: 'n1', kind: 'even' });
          await tx.put('docs', 'n2', { id: 'n2', kind: 'odd' });
          return 2;
        });
        for (const descending of [false, true]) {
          const query = { orderBy: { field: 'createdAt', descending } };
          const whole = await readModels.find('docs', query);
          expect(whole.map((doc) => doc.id)).to.include.members(['n1', 'n2']);
          expect(await walk(query, 2), `descending: ${descending}`).to.deep.equal(whole);
        }
      });

      it('given a bound and picked fields, then the page and its total come together, the total that of the filter', async () => {
        const page = await readModels.findPage('docs', { where: { kind: 'even' }, orderBy: { field: 'createdAt', descending: true }, after: { value: '2024-01-02', id: 'd4' }, limit: 2, pick: ['id'] });
        expect(page).to.deep.equal({ total: 4, items: [{ id: 'd2' }, { id: 'd1' }] });
        const past = await readModels.findPage('docs', { orderBy: { field: 'createdAt' }, after: { value: '2024-01-04', id: 'd5' }, limit: 2 });
        expect(past).to.deep.equal({ total: 7, items: [] });
      });
    });

    it('given kept counts, when a page is found with a kept total, then the total is their sum, not a count of the matches', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { id: 'a', status: 'new' });
        await tx.put('orders', 'b', { id: 'b', status: 'paid' });
        await tx.put('order_tallies', 'new', { status: 'new', kind: 'order', n: 40 });
        await tx.put('order_tallies', 'paid', { status: 'paid', kind: 'order', n: 2 });
        return 1;
      });
      const kept = (where: Record<string, string>) => ({ collection: 'order_tallies', field: 'n', where });
      expect(await readModels.findPage('orders', { limit: 1 }, kept({ kind: 'order' }))).to.deep.equal({ total: 42, items: [{ id: 'a', status: 'new' }] });
      expect(await readModels.findPage('orders', { where: { status: 'paid' }, limit: 1 }, kept({ status: 'paid' }))).to.deep.equal({
        total: 2,
        items: [{ id: 'b', status: 'paid' }],
      });
      expect(await readModels.findPage('orders', { where: { status: 'lost' }, limit: 1 }, kept({ status: 'lost' }))).to.deep.equal({ total: 0, items: [] });
    });

    it('given documents, when fields are picked, then only those come back, null for one a document lacks', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { id: 'a', version: 3, feed: ['long'], note: null });
        await tx.put('orders', 'b', { id: 'b', feed: [] });
        return 1;
      });
      const picked = await readModels.find('orders', { pick: ['id', 'version', 'note'] });
      expect(picked).to.deep.equal([
        { id: 'a', version: 3, note: null },
        { id: 'b', version: null, note: null },
      ]);
      expect(await readModels.findPage('orders', { pick: ['version'], limit: 1 })).to.deep.equal({ total: 2, items: [{ version: 3 }] });
    });

    it('given documents, when several are got by id, then those that exist come back, less the omitted fields', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { n: 1, feed: ['x'] });
        await tx.put('orders', 'b', { n: 2, feed: ['y'] });
        await tx.put('other', 'c', { n: 3 });
        return 1;
      });
      const got = await readModels.getMany('orders', ['b', 'missing', 'a', 'c', 'a'], { omit: ['feed'] });
      expect(got.sort((x, y) => x.id.localeCompare(y.id))).to.deep.equal([
        { id: 'a', doc: { n: 1 } },
        { id: 'b', doc: { n: 2 } },
      ]);
      expect(await readModels.getMany('orders', [])).to.deep.equal([]);
      expect(await readModels.getMany('orders', ['a'])).to.deep.equal([{ id: 'a', doc: { n: 1, feed: ['x'] } }]);
    });

    it('given documents, when several are got by id with fields picked, then only those fields come back, null where one lacks it', async () => {
      await readModels.transact('p', async (tx) => {
        await tx.put('orders', 'a', { n: 1, version: 4, feed: ['x'] });
        await tx.put('orders', 'b', { n: 2 });
        return 1;
      });
      const got = await readModels.getMany('orders', ['a', 'b', 'missing'], { pick: ['version'] });
      expect(got.sort((x, y) => x.id.localeCompare(y.id))).to.deep.equal([
        { id: 'a', doc: { version: 4 } },
        { id: 'b', doc: { version: null } },
      ]);
    });

    it('given duplicate delivery of a batch, then each event is applied exactly once', async () => {
      const store = new MemoryEventStore();
      const events = await seed(store, 9);
      const runner = new ProjectionRunner(store, readModels, countingProjection());
      await runner.apply(events.slice(0, 5));
      await runner.apply(events.slice(3));
      await runner.apply(events);
      const counts = await appliedCounts();
      expect(counts).to.have.length(9);
      expect(counts.every((n) => n === 1)).to.equal(true);
    });

    it('given a projection that crashes mid-batch, when it runs again, then every event is applied once', async () => {
      const store = new MemoryEventStore();
      const events = await seed(store, 12);
      const crashing = new ProjectionRunner(store, readModels, countingProjection({ position: events[7].position }), {
        batchSize: 5,
      });
      const error = await crashing.catchUp().catch((e: Error) => e);
      expect((error as Error).message).to.equal('crash between write and checkpoint');
      expect(await readModels.checkpoint('counting')).to.equal(events[4].position);
      await crashing.catchUp();
      const counts = await appliedCounts();
      expect(counts).to.have.length(12);
      expect(counts.every((n) => n === 1)).to.equal(true);
    });

    it('given a built read model, when rebuilt from zero, then the same documents come back and other collections stay', async () => {
      const store = new MemoryEventStore();
      await seed(store, 6);
      const runner = new ProjectionRunner(store, readModels, countingProjection());
      await runner.catchUp();
      await readModels.transact('other', async (tx) => (await tx.put('unrelated', 'x', { keep: true }), 1));
      const before = await readModels.find('tallies');
      await readModels.reset('counting', ['tallies']);
      expect(await readModels.count('tallies')).to.equal(0);
      expect(await readModels.checkpoint('counting')).to.equal(undefined);
      await runner.rebuild();
      expect(await readModels.find('tallies')).to.deep.equal(before);
      expect(await readModels.get('unrelated', 'x')).to.deep.equal({ keep: true });
    });
  });
}

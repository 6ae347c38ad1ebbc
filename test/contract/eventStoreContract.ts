import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { StreamsConflictError, VersionConflictError, type EventStore, type RecordedEvent } from '../../src/application/ports/eventStore.js';
import { eventually } from '../support/eventually.js';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

/** What an adapter promises beyond the common part (see EventStore.appendToStreams). */
export interface EventStoreGuarantees {
  /** 'atomic': a multi-stream append writes all or nothing; 'ordered': stream by stream in the list's order, stopping at the first failure. */
  multiStreamAppend: 'atomic' | 'ordered';
}

/**
 * The behaviour every event-store adapter must show. Tests only look at their own streams (unique names),
 * so the suite also runs against a shared log such as EventStoreDB's $all.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  guarantees: EventStoreGuarantees = { multiStreamAppend: 'atomic' },
): void {
  describe(`EventStore contract: ${name}`, function () {
    this.timeout(30_000);
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let prefix: string;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      prefix = `c${randomUUID().replace(/-/g, '')}`;
    });
    afterEach(async () => cleanup());

    const stream = (id: string) => `${prefix}-${id}`;
    const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamName.startsWith(prefix));
    const event = (type: string, data: unknown = {}) => ({ type, data });

    describe('appending and reading a stream', () => {
      it('given no stream, when events are appended as a new stream, then they read back in order with versions from 0', async () => {
        const result = await store.appendToStream(
          stream('a'),
          [
            { ...event('OrderImported', { number: 'A-1' }), metadata: { actor: 'test' } },
            event('StatusChanged', { to: 'paid' }),
          ],
          { expectedVersion: 'no_stream' },
        );
        const read = await store.readStream(stream('a'));
        expect(result.nextExpectedVersion).to.equal(1);
        expect(read.map((e) => [e.type, e.version, e.data])).to.deep.equal([
          ['OrderImported', 0, { number: 'A-1' }],
          ['StatusChanged', 1, { to: 'paid' }],
        ]);
        expect(read[0].metadata).to.deep.equal({ actor: 'test' });
        expect(read[1].position).to.equal(result.lastPosition);
        expect(read[0].position).to.be.lessThan(read[1].position);
        expect(read[0].recordedAt).to.be.instanceOf(Date);
      });

      it('given a stream that does not exist, when it is read, then it is empty', async () => {
        expect(await store.readStream(stream('missing'))).to.deep.equal([]);
      });

      it('given a stream, when reading from a version, then earlier events are left out', async () => {
        await store.appendToStream(stream('a'), [event('A'), event('B'), event('C')]);
        const read = await store.readStream(stream('a'), { fromVersion: 1 });
        expect(read.map((e) => e.type)).to.deep.equal(['B', 'C']);
      });

      it('keeps the ids given to events', async () => {
        const id = randomUUID();
        await store.appendToStream(stream('a'), [{ id, type: 'A', data: {} }]);
        expect((await store.readStream(stream('a')))[0].id).to.equal(id);
      });

      it('given several streams, when read at once, then each comes back whole and in order, a missing one empty', async () => {
        await store.appendToStream(stream('a'), [event('A1'), event('A2')]);
        await store.appendToStream(stream('b'), [event('B1')]);
        await store.appendToStream(stream('a'), [event('A3')]);
        const read = await store.readStreams([stream('b'), stream('missing'), stream('a')]);
        expect([...read.keys()].sort()).to.deep.equal([stream('a'), stream('b'), stream('missing')].sort());
        expect(read.get(stream('a'))!.map((e) => [e.type, e.version])).to.deep.equal([['A1', 0], ['A2', 1], ['A3', 2]]);
        expect(read.get(stream('b'))!.map((e) => e.type)).to.deep.equal(['B1']);
        expect(read.get(stream('missing'))).to.deep.equal([]);
        expect(read.get(stream('a'))).to.deep.equal(await store.readStream(stream('a')));
      });

      it('given a reader that remembers the start of some streams, when it reads them from a version, then only those streams start there', async () => {
        await store.appendToStream(stream('a'), [event('A1'), event('A2'), event('A3')]);
        await store.appendToStream(stream('b'), [event('B1'), event('B2')]);
        const read = await store.readStreams([stream('a'), stream('b'), stream('missing')], { fromVersions: new Map([[stream('a'), 2], [stream('missing'), 1]]) });
        expect(read.get(stream('a'))!.map((e) => [e.type, e.version])).to.deep.equal([['A3', 2]]);
        expect(read.get(stream('b'))!.map((e) => e.type)).to.deep.equal(['B1', 'B2']);
        expect(read.get(stream('missing'))).to.deep.equal([]);
        expect(read.get(stream('a'))).to.deep.equal(await store.readStream(stream('a'), { fromVersion: 2 }));
      });
    });

    describe('expected versions', () => {
      it('given an existing stream, when appending as a new stream, then it is a VersionConflictError', async () => {
        await store.appendToStream(stream('a'), [event('A')]);
        const error = await store.appendToStream(stream('a'), [event('B')], { expectedVersion: 'no_stream' }).catch((e) => e);
        expect(error).to.be.instanceOf(VersionConflictError);
        expect(await store.readStream(stream('a'))).to.have.length(1);
      });

      it('given a stream at version 1, when appending expecting 0 or 2, then both conflict and nothing is written', async () => {
        await store.appendToStream(stream('a'), [event('A'), event('B')]);
        for (const expectedVersion of [0, 2]) {
          const error = await store.appendToStream(stream('a'), [event('C')], { expectedVersion }).catch((e) => e);
          expect(error, `expected version ${expectedVersion}`).to.be.instanceOf(VersionConflictError);
        }
        const appended = await store.appendToStream(stream('a'), [event('C')], { expectedVersion: 1 });
        expect(appended.nextExpectedVersion).to.equal(2);
        expect((await store.readStream(stream('a'))).map((e) => e.type)).to.deep.equal(['A', 'B', 'C']);
      });

      it('given 8 concurrent writers at the same expected version, then exactly one wins each version', async () => {
        await store.appendToStream(stream('race'), [event('Started')], { expectedVersion: 'no_stream' });
        for (let version = 0; version < 5; version++) {
          const outcomes = await Promise.allSettled(
            Array.from({ length: 8 }, (_, writer) =>
              store.appendToStream(stream('race'), [event('Won', { writer, version })], { expectedVersion: version }),
            ),
          );
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won, `winners at version ${version}`).to.have.length(1);
          expect(lost.every((o) => o.reason instanceof VersionConflictError)).to.equal(true);
        }
        const versions = (await store.readStream(stream('race'))).map((e) => e.version);
        expect(versions).to.deep.equal([0, 1, 2, 3, 4, 5]);
      });

      it("given 8 concurrent writers expecting 'any', then every event lands with contiguous versions", async () => {
        await Promise.all(
          Array.from({ length: 8 }, async (_, writer) => {
            for (let i = 0; i < 5; i++) await store.appendToStream(stream('any'), [event('Any', { writer, i })]);
          }),
        );
        const read = await store.readStream(stream('any'));
        expect(read.map((e) => e.version)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i));
      });
    });

    describe('appending to several streams at once', () => {
      const versions = async (...ids: string[]) => Promise.all(ids.map(async (id) => (await store.readStream(stream(id))).map((e) => e.type)));

      it('given streams at known versions, when appended at once each at its expected version, then each reads back whole, one result per append in list order', async () => {
        await store.appendToStream(stream('contact'), [event('ContactRegistered')]);
        await store.appendToStream(stream('order'), [event('OrderImported'), event('StatusChanged')]);
        const results = await store.appendToStreams([
          { streamName: stream('contact'), events: [event('BuyerRecorded')], expectedVersion: 0 },
          { streamName: stream('product'), events: [event('ProductRegistered'), event('VariantAdded')], expectedVersion: 'no_stream' },
          { streamName: stream('order'), events: [event('QuantitiesChanged')], expectedVersion: 1 },
          { streamName: stream('run'), events: [event('OutcomesRecorded')] },
        ]);
        expect(results.map((r) => r.nextExpectedVersion)).to.deep.equal([1, 1, 2, 0]);
        expect(await versions('contact', 'product', 'order', 'run')).to.deep.equal([
          ['ContactRegistered', 'BuyerRecorded'],
          ['ProductRegistered', 'VariantAdded'],
          ['OrderImported', 'StatusChanged', 'QuantitiesChanged'],
          ['OutcomesRecorded'],
        ]);
        const [order, run] = [await store.readStream(stream('order')), await store.readStream(stream('run'))];
        expect(results[2].lastPosition).to.equal(order[2].position);
        expect(results[3].lastPosition).to.equal(run[0].position);
      });

      it('given a multi-stream append, then the global log has its events in list order after what was there', async () => {
        await store.appendToStream(stream('before'), [event('Before')]);
        await store.appendToStreams([
          { streamName: stream('a'), events: [event('A1'), event('A2')], expectedVersion: 'no_stream' },
          { streamName: stream('b'), events: [event('B1')], expectedVersion: 'no_stream' },
        ]);
        const all = ours(await store.readAll({ maxCount: 100_000 }));
        expect(all.map((e) => e.type)).to.deep.equal(['Before', 'A1', 'A2', 'B1']);
        expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).to.equal(true);
      });

      it('given a stream listed twice or an append without events, then it is refused and nothing is written', async () => {
        const twice = await store
          .appendToStreams([
            { streamName: stream('a'), events: [event('A')] },
            { streamName: stream('a'), events: [event('B')] },
          ])
          .catch((e: Error) => e);
        expect(twice).to.be.instanceOf(Error).and.not.to.be.instanceOf(VersionConflictError);
        const empty = await store.appendToStreams([{ streamName: stream('b'), events: [event('B')] }, { streamName: stream('c'), events: [] }]).catch((e: Error) => e);
        expect(empty).to.be.instanceOf(Error);
        expect(await versions('a', 'b', 'c')).to.deep.equal([[], [], []]);
        expect(await store.appendToStreams([])).to.deep.equal([]);
      });

      if (guarantees.multiStreamAppend === 'atomic') {
        it('given two of four streams moved on, when appended at once, then nothing is written and the error names both', async () => {
          await store.appendToStream(stream('b'), [event('B0')]);
          await store.appendToStream(stream('d'), [event('D0'), event('D1')]);
          const error = await store
            .appendToStreams([
              { streamName: stream('a'), events: [event('A')], expectedVersion: 'no_stream' },
              { streamName: stream('b'), events: [event('B')], expectedVersion: 'no_stream' },
              { streamName: stream('c'), events: [event('C')], expectedVersion: 'no_stream' },
              { streamName: stream('d'), events: [event('D')], expectedVersion: 0 },
            ])
            .catch((e: unknown) => e);
          expect(error).to.be.instanceOf(StreamsConflictError);
          const conflict = error as StreamsConflictError;
          expect(conflict.conflicts.map((c) => [c.streamName, c.expected, c.actual])).to.deep.equal([
            [stream('b'), 'no_stream', 0],
            [stream('d'), 0, 1],
          ]);
          expect(conflict.written).to.deep.equal([]);
          expect(await versions('a', 'b', 'c', 'd')).to.deep.equal([[], ['B0'], [], ['D0', 'D1']]);
        });

        it('given 8 concurrent writers of one page each at the same expected versions, then exactly one page lands, whole and uninterrupted in the log', async () => {
          await store.appendToStream(stream('shared'), [event('Started')]);
          const outcomes = await Promise.allSettled([
            ...Array.from({ length: 8 }, (_, writer) =>
              store.appendToStreams([
                { streamName: stream(`own-${writer}`), events: [event('Own', { writer }), event('Own', { writer })], expectedVersion: 'no_stream' },
                { streamName: stream('shared'), events: [event('Shared', { writer })], expectedVersion: 0 },
              ]),
            ),
            ...Array.from({ length: 8 }, (_, i) => store.appendToStream(stream('bystander'), [event('Bystander', { i })])),
          ]);
          const pages = outcomes.slice(0, 8);
          expect(pages.filter((o) => o.status === 'fulfilled')).to.have.length(1);
          expect(pages.every((o) => o.status === 'fulfilled' || o.reason instanceof StreamsConflictError)).to.equal(true);
          const winner = pages.findIndex((o) => o.status === 'fulfilled');
          const log = ours(await store.readAll({ maxCount: 100_000 }));
          const page = log.flatMap((e, i) => ((e.data as { writer?: number }).writer === undefined ? [] : [i]));
          expect(page, 'the page is adjacent in the log').to.deep.equal([page[0], page[0] + 1, page[0] + 2]);
          expect(page.map((i) => log[i].streamName)).to.deep.equal([stream(`own-${winner}`), stream(`own-${winner}`), stream('shared')]);
          expect(log.filter((e) => e.type === 'Own')).to.have.length(2);
        });
      } else {
        it('given a stream moved on in the middle of the list, then the streams before it are written, it and those after are not, and the error says so', async () => {
          await store.appendToStream(stream('b'), [event('B0')]);
          const error = await store
            .appendToStreams([
              { streamName: stream('a'), events: [event('A')], expectedVersion: 'no_stream' },
              { streamName: stream('b'), events: [event('B')], expectedVersion: 'no_stream' },
              { streamName: stream('c'), events: [event('C')], expectedVersion: 'no_stream' },
            ])
            .catch((e: unknown) => e);
          expect(error).to.be.instanceOf(StreamsConflictError);
          expect((error as StreamsConflictError).conflicts.map((c) => c.streamName)).to.deep.equal([stream('b')]);
          expect((error as StreamsConflictError).written).to.deep.equal([stream('a')]);
          expect(await versions('a', 'b', 'c')).to.deep.equal([['A'], ['B0'], []]);
        });
      }
    });

    describe('reading all events in global order', () => {
      it('given appends to several streams, then readAll returns them in append order with rising positions', async () => {
        await store.appendToStream(stream('1'), [event('A')]);
        await store.appendToStream(stream('2'), [event('B'), event('C')]);
        await store.appendToStream(stream('1'), [event('D')]);
        const all = ours(await store.readAll({ maxCount: 100_000 }));
        expect(all.map((e) => e.type)).to.deep.equal(['A', 'B', 'C', 'D']);
        expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).to.equal(true);
      });

      it('given a position, then readAll starts strictly after it and honours maxCount', async () => {
        await store.appendToStream(stream('1'), [event('A'), event('B'), event('C'), event('D')]);
        const [a] = await store.readStream(stream('1'));
        const after = ours(await store.readAll({ after: a.position, maxCount: 2 }));
        expect(after.map((e) => e.type)).to.deep.equal(['B', 'C']);
      });
    });

    describe('reading the events of one correlation id', () => {
      it('given events of one request in two streams and others, when read by its correlation id, then exactly its events come in log order, a page after a position', async () => {
        const correlationId = `${prefix}-request`;
        const of = (type: string, id = correlationId) => ({ ...event(type), metadata: { correlationId: id, actor: 'test' } });
        await store.appendToStream(stream('order'), [of('OrderImported'), of('Other', `${prefix}-another`)]);
        await store.appendToStream(stream('contact'), [of('ContactRegistered')]);
        await store.appendToStream(stream('order'), [of('StatusChanged'), event('NoMetadata')]);
        await eventually(async () => expect(await store.readCorrelated(correlationId, { maxCount: 10 })).to.have.length(3));
        const all = await store.readCorrelated(correlationId, { maxCount: 10 });
        expect(all.map((e) => [e.streamName, e.type])).to.deep.equal([
          [stream('order'), 'OrderImported'],
          [stream('contact'), 'ContactRegistered'],
          [stream('order'), 'StatusChanged'],
        ]);
        const firstPage = await store.readCorrelated(correlationId, { maxCount: 2 });
        expect(firstPage.map((e) => e.type)).to.deep.equal(['OrderImported', 'ContactRegistered']);
        const nextPage = await store.readCorrelated(correlationId, { after: firstPage[1].position, maxCount: 2 });
        expect(nextPage.map((e) => e.type)).to.deep.equal(['StatusChanged']);
        expect(await store.readCorrelated(`${prefix}-nobody`, { maxCount: 10 })).to.deep.equal([]);
      });
    });

    describe('subscriptions', () => {
      it('given stored events, when subscribing, then it catches up and then delivers new events live', async () => {
        await store.appendToStream(stream('s'), [event('Before1'), event('Before2')]);
        const seen: string[] = [];
        const subscription = store.subscribe({
          batchSize: 10,
          onEvents: async (events) => void seen.push(...ours(events).map((e) => e.type)),
        });
        await subscription.caughtUp;
        expect(seen).to.deep.equal(['Before1', 'Before2']);
        await store.appendToStream(stream('s'), [event('Live')]);
        await eventually(() => expect(seen).to.deep.equal(['Before1', 'Before2', 'Live']));
        await subscription.stop();
      });

      it('given a checkpoint, when subscribing from it, then only later events arrive', async () => {
        await store.appendToStream(stream('s'), [event('A'), event('B'), event('C')]);
        const [, b] = await store.readStream(stream('s'));
        const seen: string[] = [];
        const subscription = store.subscribe({ after: b.position, onEvents: async (events) => void seen.push(...ours(events).map((e) => e.type)) });
        await subscription.caughtUp;
        await subscription.stop();
        expect(seen).to.deep.equal(['C']);
      });

      it('given concurrent writers while subscribed, then every event is delivered once, in position order', async () => {
        const delivered: RecordedEvent[] = [];
        const subscription = store.subscribe({ batchSize: 7, onEvents: async (events) => void delivered.push(...ours(events)) });
        await subscription.caughtUp;
        await Promise.all(
          Array.from({ length: 6 }, async (_, writer) => {
            for (let i = 0; i < 10; i++) await store.appendToStream(stream(`w${writer}`), [event('W', { writer, i })]);
          }),
        );
        await eventually(() => expect(delivered).to.have.length(60), 10_000);
        await subscription.stop();
        expect(new Set(delivered.map((e) => e.id)).size).to.equal(60);
        expect(delivered.every((e, i) => i === 0 || e.position > delivered[i - 1].position)).to.equal(true);
      });

      it('given a handler that fails, then the subscription ends with that error', async () => {
        await store.appendToStream(stream('s'), [event('A')]);
        const subscription = store.subscribe({
          onEvents: async (events) => {
            if (ours(events).length > 0) throw new Error('projection failed');
          },
        });
        const error = await subscription.done.then(() => undefined, (e: Error) => e);
        expect(error?.message).to.equal('projection failed');
      });
    });
  });
}

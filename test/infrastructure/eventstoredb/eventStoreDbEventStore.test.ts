import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { expect } from 'chai';
import sinon from 'sinon';
import { StreamsConflictError, VersionConflictError, type RecordedEvent } from '../../../src/application/ports/eventStore.js';
import { backoffDelay } from '../../../src/infrastructure/eventstoredb/allStreamSubscription.js';
import {
  EventStoreDbEventStore,
  toEsdbConnectionString,
  type EventStoreDbClient,
} from '../../../src/infrastructure/eventstoredb/eventStoreDbEventStore.js';
import { eventually } from '../../support/eventually.js';

/** A server subscription: a readable of resolved events that also emits 'caughtUp', like the client's. */
class FakeSubscription extends PassThrough {
  readonly unsubscribe = sinon.stub().resolves();

  constructor() {
    super({ objectMode: true });
  }

  send(...events: AllStreamResolvedEvent[]): this {
    for (const event of events) this.write(event);
    return this;
  }
}

/** A server subscription built from an async generator, so a test can script exactly when it throws. */
function scriptedSubscription(script: () => AsyncGenerator<AllStreamResolvedEvent>) {
  return Object.assign(Readable.from(script(), { objectMode: true }), { unsubscribe: sinon.stub().resolves() });
}

function stubClient() {
  return {
    appendToStream: sinon.stub(),
    readStream: sinon.stub(),
    readAll: sinon.stub(),
    subscribeToAll: sinon.stub(),
    dispose: sinon.stub().resolves(),
  };
}

type StubClient = ReturnType<typeof stubClient>;

const storeOn = (client: StubClient) =>
  new EventStoreDbEventStore(client as unknown as EventStoreDbClient, { resubscribe: { initialDelayMs: 1, maxDelayMs: 4 } });

function resolved(streamId: string, type: string, revision: number, position: number, data: unknown = {}): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: randomUUID(),
      isJson: true,
      revision: BigInt(revision),
      type,
      created: new Date('2024-05-01T10:00:00Z'),
      data,
      metadata: { actor: 'test' },
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
    commitPosition: BigInt(position),
  } as unknown as AllStreamResolvedEvent;
}

/** $all as the server reads it: from a position inclusive, at most maxCount records, system events included. */
function fakeAll(log: AllStreamResolvedEvent[]) {
  return (options: { fromPosition?: ReadPosition; maxCount?: number }) => {
    const from = options.fromPosition === START || options.fromPosition === undefined ? -1n : (options.fromPosition as { commit: bigint }).commit;
    const page = log.filter((r) => r.event!.position.commit >= from).slice(0, options.maxCount);
    return Readable.from(page);
  };
}

const types = (events: RecordedEvent[]) => events.map((e) => e.type);

describe('EventStoreDbEventStore (stubbed client)', () => {
  describe('appending', () => {
    it('given each expected version, when appending, then the client is asked for ANY, NO_STREAM or the revision as a bigint', async () => {
      const client = stubClient();
      client.appendToStream.resolves({ success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } });
      const store = storeOn(client);
      await store.appendToStream('order-1', [{ type: 'A', data: {} }]);
      await store.appendToStream('order-1', [{ type: 'A', data: {} }], { expectedVersion: 'any' });
      await store.appendToStream('order-1', [{ type: 'A', data: {} }], { expectedVersion: 'no_stream' });
      await store.appendToStream('order-1', [{ type: 'A', data: {} }], { expectedVersion: 3 });
      expect(client.appendToStream.getCalls().map((c) => c.args[2].expectedRevision)).to.deep.equal(['any', 'any', NO_STREAM, 3n]);
    });

    it('when appending, then events go as JSON with their ids and metadata, and revision and commit position come back as numbers', async () => {
      const client = stubClient();
      client.appendToStream.resolves({ success: true, nextExpectedRevision: 4n, position: { commit: 1234n, prepare: 1234n } });
      const id = randomUUID();
      const result = await storeOn(client).appendToStream('order-1', [
        { id, type: 'OrderImported', data: { number: 'A-1' }, metadata: { actor: 'sync' } },
        { type: 'StatusChanged', data: { to: 'paid' } },
      ]);
      const [streamName, sent] = client.appendToStream.firstCall.args;
      expect(streamName).to.equal('order-1');
      expect(sent[0]).to.deep.equal({
        id,
        contentType: 'application/json',
        type: 'OrderImported',
        data: { number: 'A-1' },
        metadata: { actor: 'sync' },
      });
      expect(sent[1].id).to.match(/^[0-9a-f-]{36}$/);
      expect(sent[1].metadata).to.deep.equal({});
      expect(result).to.deep.equal({ nextExpectedVersion: 4, lastPosition: 1234 });
    });

    it('given the server reports a wrong expected version, then it is a VersionConflictError with the actual version', async () => {
      const client = stubClient();
      client.appendToStream.onFirstCall().rejects(new WrongExpectedVersionError(undefined, { streamName: 'order-1', expected: 2n, current: 5n }));
      client.appendToStream
        .onSecondCall()
        .rejects(new WrongExpectedVersionError(undefined, { streamName: 'order-2', expected: 0n, current: NO_STREAM }));
      const store = storeOn(client);

      const conflict = await store.appendToStream('order-1', [{ type: 'A', data: {} }], { expectedVersion: 2 }).catch((e) => e);
      expect(conflict).to.be.instanceOf(VersionConflictError);
      expect(conflict).to.include({ streamName: 'order-1', expected: 2, actual: 5 });

      const missing = await store.appendToStream('order-2', [{ type: 'A', data: {} }], { expectedVersion: 0 }).catch((e) => e);
      expect(missing).to.be.instanceOf(VersionConflictError);
      expect(missing.actual).to.equal(-1);
    });

    it('given any other failure, then it is passed on unchanged', async () => {
      const client = stubClient();
      const failure = new Error('connection refused');
      client.appendToStream.rejects(failure);
      expect(await storeOn(client).appendToStream('order-1', [{ type: 'A', data: {} }]).catch((e) => e)).to.equal(failure);
    });
  });

  describe('appending to several streams (no transaction across streams)', () => {
    const page = [
      { streamName: 'contact-c1', events: [{ type: 'ContactRegistered', data: {} }], expectedVersion: 'no_stream' as const },
      { streamName: 'product-p1', events: [{ type: 'ProductRegistered', data: {} }], expectedVersion: 2 },
      { streamName: 'order-o1', events: [{ type: 'OrderImported', data: {} }, { type: 'StatusChanged', data: {} }], expectedVersion: 'no_stream' as const },
      { streamName: 'syncrun-r1', events: [{ type: 'OutcomesRecorded', data: {} }], expectedVersion: 4 },
    ];

    it('given a page of streams, when appended, then the client is asked stream by stream in the list order, each at its own revision, one after the other finished', async () => {
      const client = stubClient();
      let inFlight = 0;
      client.appendToStream.callsFake(async (_stream: string, events: unknown[]) => {
        expect(++inFlight, 'appends at once').to.equal(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return { success: true, nextExpectedRevision: BigInt(events.length), position: { commit: 100n, prepare: 100n } };
      });
      const results = await storeOn(client).appendToStreams(page);
      expect(client.appendToStream.getCalls().map((c) => [c.args[0], c.args[1].length, c.args[2].expectedRevision])).to.deep.equal([
        ['contact-c1', 1, NO_STREAM],
        ['product-p1', 1, 2n],
        ['order-o1', 2, NO_STREAM],
        ['syncrun-r1', 1, 4n],
      ]);
      expect(results).to.have.length(4);
    });

    it('given a conflict on the third stream, then the last is never sent and the error names the conflict and the two streams written', async () => {
      const client = stubClient();
      client.appendToStream.resolves({ success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } });
      client.appendToStream.onThirdCall().rejects(new WrongExpectedVersionError(undefined, { streamName: 'order-o1', expected: NO_STREAM, current: 0n }));
      const error = await storeOn(client).appendToStreams(page).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StreamsConflictError);
      expect((error as StreamsConflictError).conflicts.map((c) => [c.streamName, c.actual])).to.deep.equal([['order-o1', 0]]);
      expect((error as StreamsConflictError).written).to.deep.equal(['contact-c1', 'product-p1']);
      expect(client.appendToStream.callCount).to.equal(3);
    });

    it('given a lost connection on the second stream, then the failure is passed on and nothing after it is sent', async () => {
      const client = stubClient();
      const failure = new Error('connection lost');
      client.appendToStream.resolves({ success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } });
      client.appendToStream.onSecondCall().rejects(failure);
      expect(await storeOn(client).appendToStreams(page).catch((e: unknown) => e)).to.equal(failure);
      expect(client.appendToStream.callCount).to.equal(2);
    });
  });

  describe('reading the events of a correlation id', () => {
    const correlated = (streamId: string, type: string, position: number, correlationId = 'req-1') => {
      const record = resolved(streamId, type, 0, position);
      (record.event as { metadata: unknown }).metadata = { correlationId };
      return record;
    };

    it("given the by-correlation projection's $bc stream, when read after a position, then its resolved events of that id come in order, up to maxCount", async () => {
      const client = stubClient();
      client.readStream.returns(
        Readable.from([correlated('order-1', 'A', 100), correlated('contact-1', 'B', 200), correlated('order-2', 'C', 300), correlated('order-3', 'D', 400)]),
      );
      const events = await storeOn(client).readCorrelated('req-1', { after: 100, maxCount: 2 });
      expect(client.readStream.firstCall.args[0]).to.equal('$bc-req-1');
      expect(client.readStream.firstCall.args[1]).to.include({ resolveLinkTos: true, direction: 'forwards' });
      expect(events.map((e) => [e.streamName, e.type, e.position])).to.deep.equal([
        ['contact-1', 'B', 200],
        ['order-2', 'C', 300],
      ]);
    });

    it('given no event of the id (no $bc stream), when read, then the answer is empty', async () => {
      const client = stubClient();
      client.readStream.returns(
        new Readable({
          objectMode: true,
          read() {
            this.destroy(new StreamNotFoundError(undefined, '$bc-nobody'));
          },
        }),
      );
      expect(await storeOn(client).readCorrelated('nobody', { maxCount: 5 })).to.deep.equal([]);
    });
  });

  describe('reading a stream', () => {
    it('given a stream that does not exist, when it is read, then it is empty', async () => {
      const client = stubClient();
      client.readStream.returns(
        new Readable({
          objectMode: true,
          read() {
            this.destroy(new StreamNotFoundError(undefined, 'order-missing'));
          },
        }),
      );
      expect(await storeOn(client).readStream('order-missing')).to.deep.equal([]);
    });

    it('given a stream, when read from a version, then revisions and commit positions become numbers and metadata an object', async () => {
      const client = stubClient();
      client.readStream.returns(Readable.from([resolved('order-1', 'B', 1, 300, { n: 2 }), resolved('order-1', 'C', 2, 400)]));
      const events = await storeOn(client).readStream('order-1', { fromVersion: 1 });
      expect(client.readStream.firstCall.args[1]).to.include({ fromRevision: 1n, direction: 'forwards' });
      expect(events.map((e) => [e.streamName, e.type, e.version, e.position])).to.deep.equal([
        ['order-1', 'B', 1, 300],
        ['order-1', 'C', 2, 400],
      ]);
      expect(events[0].data).to.deep.equal({ n: 2 });
      expect(events[0].metadata).to.deep.equal({ actor: 'test' });
      expect(events[0].recordedAt).to.be.instanceOf(Date);
    });

    it('given no version, when read, then the read starts at the beginning of the stream', async () => {
      const client = stubClient();
      client.readStream.returns(Readable.from([]));
      await storeOn(client).readStream('order-1');
      expect(client.readStream.firstCall.args[1].fromRevision).to.equal(START);
    });
  });

  describe('reading $all', () => {
    const log = [
      resolved('$$order-1', '$metadata', 0, 100),
      resolved('order-1', 'A', 0, 200),
      resolved('$stats-127.0.0.1:2113', 'StatsCollected', 0, 300),
      resolved('order-1', '$>', 1, 400),
      resolved('order-2', 'B', 0, 500),
      resolved('order-1', 'C', 1, 600),
      resolved('$settings', '$settings', 0, 700),
      resolved('order-2', 'D', 1, 800),
    ];

    it('given system events and $-streams in $all, when reading all, then only our events come back, in order', async () => {
      const client = stubClient();
      client.readAll.callsFake(fakeAll(log));
      const all = await storeOn(client).readAll({ maxCount: 100 });
      expect(types(all)).to.deep.equal(['A', 'B', 'C', 'D']);
      expect(all.map((e) => e.position)).to.deep.equal([200, 500, 600, 800]);
      expect(client.readAll.firstCall.args[0].fromPosition).to.equal(START);
    });

    it('given a position, when reading all, then it starts there on the server, leaves that event out and reads on past filtered ones to fill maxCount', async () => {
      const client = stubClient();
      client.readAll.callsFake(fakeAll(log));
      const page = await storeOn(client).readAll({ after: 200, maxCount: 2 });
      expect(types(page)).to.deep.equal(['B', 'C']);
      expect(client.readAll.firstCall.args[0].fromPosition).to.deep.equal({ commit: 200n, prepare: 200n });
      expect(client.readAll.callCount).to.be.greaterThan(1);
    });

    it('given the end of $all, when fewer events remain than asked for, then it returns them without looping', async () => {
      const client = stubClient();
      client.readAll.callsFake(fakeAll(log));
      expect(types(await storeOn(client).readAll({ after: 600, maxCount: 10 }))).to.deep.equal(['D']);
      expect(client.readAll.callCount).to.equal(1);
    });

    it('given a commit position beyond 2^53, then reading fails instead of rounding the position', async () => {
      const client = stubClient();
      client.readAll.callsFake(fakeAll([resolved('order-1', 'A', 0, 0)].map((r) => ({ ...r, event: { ...r.event!, position: { commit: 2n ** 53n + 1n, prepare: 0n } } }))));
      const error = await storeOn(client).readAll({ maxCount: 1 }).catch((e) => e);
      expect(error).to.be.instanceOf(RangeError);
    });
  });

  describe('subscribing', () => {
    it('given stored events and a slow handler, when the server signals caught up, then caughtUp resolves only after they were handled', async () => {
      const client = stubClient();
      const server = new FakeSubscription().send(resolved('order-1', 'A', 0, 100), resolved('order-1', 'B', 1, 200));
      client.subscribeToAll.returns(server);
      const seen: string[] = [];
      const subscription = storeOn(client).subscribe({
        onEvents: async (events) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          seen.push(...types(events));
        },
      });
      server.emit('caughtUp');
      await subscription.caughtUp;
      expect(seen).to.deep.equal(['A', 'B']);
      await subscription.stop();
    });

    it('given a checkpoint, when subscribing, then the server filters system events from that position and $-streams are skipped here', async () => {
      const client = stubClient();
      const server = new FakeSubscription().send(resolved('$stats-node', 'Stats', 0, 510), resolved('order-1', 'C', 2, 520));
      client.subscribeToAll.returns(server);
      const seen: string[] = [];
      const subscription = storeOn(client).subscribe({ after: 500, onEvents: async (events) => void seen.push(...types(events)) });
      server.emit('caughtUp');
      await subscription.caughtUp;
      await subscription.stop();
      const { fromPosition, filter } = client.subscribeToAll.firstCall.args[0];
      expect(fromPosition).to.deep.equal({ commit: 500n, prepare: 500n });
      expect(filter).to.include({ filterOn: 'eventType', regex: '^[^$].*' });
      expect(seen).to.deep.equal(['C']);
    });

    it('given more buffered events than the batch size, then they arrive in batches of at most that size, in order', async () => {
      const client = stubClient();
      const server = new FakeSubscription().send(...[1, 2, 3, 4, 5].map((n) => resolved('order-1', `E${n}`, n - 1, n * 100)));
      client.subscribeToAll.returns(server);
      const batches: string[][] = [];
      const subscription = storeOn(client).subscribe({ batchSize: 2, onEvents: async (events) => void batches.push(types(events)) });
      server.emit('caughtUp');
      await subscription.caughtUp;
      await subscription.stop();
      expect(batches).to.deep.equal([['E1', 'E2'], ['E3', 'E4'], ['E5']]);
    });

    it('given a dropped subscription, then it resubscribes from the last delivered position and delivers nothing twice', async () => {
      const client = stubClient();
      const first = new FakeSubscription().send(resolved('order-1', 'A', 0, 100), resolved('order-1', 'B', 1, 200));
      // The new subscription overlaps: the server sends B again before C.
      const second = new FakeSubscription().send(resolved('order-1', 'B', 1, 200), resolved('order-1', 'C', 2, 300));
      client.subscribeToAll.onFirstCall().returns(first).onSecondCall().returns(second);
      const delivered: RecordedEvent[] = [];
      const subscription = storeOn(client).subscribe({ onEvents: async (events) => void delivered.push(...events) });

      await eventually(() => expect(delivered).to.have.length(2));
      first.destroy(new Error('connection reset'));
      await eventually(() => expect(types(delivered)).to.deep.equal(['A', 'B', 'C']));
      await subscription.stop();

      expect(client.subscribeToAll.callCount).to.equal(2);
      expect(client.subscribeToAll.secondCall.args[0].fromPosition).to.deep.equal({ commit: 200n, prepare: 200n });
      expect(new Set(delivered.map((e) => e.id)).size).to.equal(3);
      expect(first.unsubscribe.called).to.equal(true);
    });

    it('given a server iterator that throws once after two events, when it is resubscribed, then it resumes from the last delivered position and nothing is delivered twice', async () => {
      const client = stubClient();
      let drop!: () => void;
      const dropped = new Promise<void>((resolve) => (drop = resolve));
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const [a, b, c] = [resolved('order-1', 'A', 0, 100), resolved('order-1', 'B', 1, 200), resolved('order-1', 'C', 2, 300)];
      client.subscribeToAll
        .onFirstCall()
        .returns(
          scriptedSubscription(async function* () {
            yield a;
            yield b;
            await dropped;
            throw new Error('connection reset');
          }),
        )
        .onSecondCall()
        .returns(
          scriptedSubscription(async function* () {
            // The server may resend the event at the resume position; it must not reach the handler again.
            yield b;
            yield c;
            // Live and idle until the test ends (a generator can only be closed once it gets past its await).
            await finished;
          }),
        );
      const batches: string[][] = [];
      const subscription = storeOn(client).subscribe({ onEvents: async (events) => void batches.push(types(events)) });

      await eventually(() => expect(batches.flat()).to.deep.equal(['A', 'B']));
      expect(client.subscribeToAll.callCount).to.equal(1);
      drop();
      await eventually(() => expect(batches.flat()).to.deep.equal(['A', 'B', 'C']));
      await new Promise((resolve) => setTimeout(resolve, 10));
      const stopping = subscription.stop();
      finish();

      expect(batches.flat()).to.deep.equal(['A', 'B', 'C']);
      expect(client.subscribeToAll.callCount).to.equal(2);
      expect(client.subscribeToAll.firstCall.args[0].fromPosition).to.equal(START);
      expect(client.subscribeToAll.secondCall.args[0].fromPosition).to.deep.equal({ commit: 200n, prepare: 200n });
      await stopping;
    });

    it('given failed attempts to subscribe, then the waits before each retry start near 100 ms and double', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      // Jitter at its top: each wait is just under its ceiling.
      const random = sinon.stub(Math, 'random').returns(0.98);
      try {
        const client = stubClient();
        client.subscribeToAll.callsFake(() => new FakeSubscription().destroy(new Error('unavailable')));
        const store = new EventStoreDbEventStore(client as unknown as EventStoreDbClient);
        const subscription = store.subscribe({ onEvents: async () => undefined });
        await clock.tickAsync(0);
        expect(client.subscribeToAll.callCount).to.equal(1);
        await clock.tickAsync(98);
        expect(client.subscribeToAll.callCount, 'before the first wait (99 ms) is over').to.equal(1);
        await clock.tickAsync(2);
        expect(client.subscribeToAll.callCount, 'after the first wait').to.equal(2);
        await clock.tickAsync(196);
        expect(client.subscribeToAll.callCount, 'before the second wait (198 ms) is over').to.equal(2);
        await clock.tickAsync(3);
        expect(client.subscribeToAll.callCount, 'after the second wait').to.equal(3);
        await subscription.stop();
      } finally {
        random.restore();
        clock.restore();
      }
    });

    it('given a subscription that keeps failing to connect, then it keeps retrying, and stops retrying once stopped', async () => {
      const client = stubClient();
      client.subscribeToAll.callsFake(() => new FakeSubscription().destroy(new Error('unavailable')));
      const subscription = storeOn(client).subscribe({ onEvents: async () => undefined });
      await eventually(() => expect(client.subscribeToAll.callCount).to.be.greaterThan(3));
      await subscription.stop();
      const calls = client.subscribeToAll.callCount;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(client.subscribeToAll.callCount).to.equal(calls);
    });

    it('given failed attempts, then the wait before resubscribing doubles from 100 ms up to 5 s, with jitter in its upper half', () => {
      const retry = { initialDelayMs: 100, maxDelayMs: 5_000 };
      const waits = (attempt: number) => Array.from({ length: 200 }, () => backoffDelay(attempt, retry));
      for (const [attempt, ceiling] of [
        [0, 100],
        [1, 200],
        [3, 800],
        [6, 5_000],
        [40, 5_000],
      ]) {
        const sample = waits(attempt);
        expect(Math.min(...sample), `attempt ${attempt}`).to.be.at.least(ceiling / 2);
        expect(Math.max(...sample), `attempt ${attempt}`).to.be.at.most(ceiling);
        expect(new Set(sample).size, `attempt ${attempt} is jittered`).to.be.greaterThan(1);
      }
    });

    it('given a handler that fails, then done rejects with its error and the server subscription is cancelled, not resumed', async () => {
      const client = stubClient();
      const server = new FakeSubscription().send(resolved('order-1', 'A', 0, 100));
      client.subscribeToAll.returns(server);
      const subscription = storeOn(client).subscribe({
        onEvents: async () => {
          throw new Error('projection failed');
        },
      });
      const error = await subscription.done.then(() => undefined, (e: Error) => e);
      expect(error?.message).to.equal('projection failed');
      expect(server.unsubscribe.calledOnce).to.equal(true);
      expect(client.subscribeToAll.calledOnce).to.equal(true);
    });

    it('given an event whose position cannot be a Number, then done rejects instead of resubscribing forever', async () => {
      const client = stubClient();
      const [event] = [resolved('order-1', 'A', 0, 0)];
      event.event!.position = { commit: 2n ** 53n + 1n, prepare: 0n };
      client.subscribeToAll.returns(new FakeSubscription().send(event));
      const subscription = storeOn(client).subscribe({ onEvents: async () => undefined });
      const error = await subscription.done.then(() => undefined, (e: Error) => e);
      expect(error).to.be.instanceOf(RangeError);
      expect(client.subscribeToAll.calledOnce).to.equal(true);
    });

    it('given a live subscription waiting for events, when stopped, then done resolves and the server subscription is cancelled', async () => {
      const client = stubClient();
      const server = new FakeSubscription();
      client.subscribeToAll.returns(server);
      const subscription = storeOn(client).subscribe({ onEvents: async () => undefined });
      server.emit('caughtUp');
      await subscription.caughtUp;
      await subscription.stop();
      expect(await subscription.done.then(() => 'resolved')).to.equal('resolved');
      expect(server.unsubscribe.calledOnce).to.equal(true);
    });
  });

  describe('health and shutdown', () => {
    it('when pinged, then it reads one event from $all, and a failing read fails the ping', async () => {
      const client = stubClient();
      client.readAll.onFirstCall().returns(Readable.from([resolved('order-1', 'A', 0, 100)]));
      client.readAll.onSecondCall().returns(
        new Readable({
          objectMode: true,
          read() {
            this.destroy(new Error('access denied'));
          },
        }),
      );
      const store = storeOn(client);
      await store.ping();
      expect(client.readAll.firstCall.args[0]).to.include({ maxCount: 1 });
      expect((await store.ping().catch((e: Error) => e))?.message).to.equal('access denied');
    });

    it('given a kurrentdb:// URL, then the 6.x client gets the same address as esdb://, and esdb:// URLs are left alone', () => {
      expect(toEsdbConnectionString('kurrentdb://127.0.0.1:2113?tls=false')).to.equal('esdb://127.0.0.1:2113?tls=false');
      expect(toEsdbConnectionString('kurrentdb+discover://a:2113,b:2113')).to.equal('esdb+discover://a:2113,b:2113');
      expect(toEsdbConnectionString('esdb://127.0.0.1:2113?tls=false')).to.equal('esdb://127.0.0.1:2113?tls=false');
    });

    it('when closed, then the client is disposed', async () => {
      const client = stubClient();
      await storeOn(client).close();
      expect(client.dispose.calledOnce).to.equal(true);
    });
  });
});

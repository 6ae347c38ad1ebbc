import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type Position,
} from '@eventstore/db-client';
import {
  checkStreamAppends,
  StreamsConflictError,
  VersionConflictError,
  type StreamAppend,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type CorrelatedReadOptions,
  type ReadAllOptions,
  type ReadStreamsOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../application/ports/eventStore.js';
import { subscribeToAll, type ResubscribeOptions } from './allStreamSubscription.js';
import {
  isUserEvent,
  toActualVersion,
  toEventData,
  toExpectedRevision,
  toPositionNumber,
  toReadPosition,
  toRecordedEvent,
} from './eventMapping.js';

/** The part of the client this adapter uses, so tests can hand in a stub. */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbEventStoreOptions {
  resubscribe?: ResubscribeOptions;
}

/** Opens the production event store; the URL is an esdb:// connection string such as esdb://127.0.0.1:2113?tls=false. */
export function connectEventStoreDb(url: string): EventStore {
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(toEsdbConnectionString(url)));
}

/** The config also accepts KurrentDB's kurrentdb:// scheme, which the 6.x client only knows as esdb://. */
export function toEsdbConnectionString(url: string): string {
  return url.replace(/^kurrentdb(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

/** Event store on EventStoreDB: streams map one to one, the global position is the event's commit position in $all. */
export class EventStoreDbEventStore implements EventStore {
  private readonly resubscribe: ResubscribeOptions;

  constructor(
    private readonly client: EventStoreDbClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.resubscribe = options.resubscribe ?? { initialDelayMs: 100, maxDelayMs: 5_000 };
  }

  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = options.expectedVersion ?? 'any';
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
      return {
        nextExpectedVersion: Number(result.nextExpectedRevision),
        lastPosition: result.position ? toPositionNumber(result.position.commit) : await this.headPosition(streamName),
      };
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        throw new VersionConflictError(streamName, expected, toActualVersion(error.actualVersion));
      }
      throw error;
    }
  }

  /**
   * EventStoreDB has no transaction across streams: one stream after the other in the list's order, stopping at the
   * first failure. The caller orders the list so that what stays written after a stop (a conflict, a crash) is a
   * state a re-run completes; a conflict names the streams written before it.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const results: AppendResult[] = [];
    for (const { streamName, events, expectedVersion } of appends) {
      try {
        results.push(await this.appendToStream(streamName, events, { expectedVersion }));
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        throw new StreamsConflictError([error], appends.slice(0, results.length).map((a) => a.streamName));
      }
    }
    return results;
  }

  async readStream(streamName: string, options: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    const fromVersion = options.fromVersion ?? 0;
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        fromRevision: fromVersion > 0 ? BigInt(fromVersion) : START,
        direction: FORWARDS,
      });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /** EventStoreDB reads one stream per call: the streams are read side by side. */
  async readStreams(streamNames: readonly string[], { fromVersions }: ReadStreamsOptions = {}): Promise<Map<string, RecordedEvent[]>> {
    const unique = [...new Set(streamNames)];
    return new Map(await Promise.all(unique.map(async (name) => [name, await this.readStream(name, { fromVersion: fromVersions?.get(name) })] as const)));
  }

  /**
   * The server's by-correlation projection links every event of a correlation id into `$bc-<id>` (it must run, reading
   * the `correlationId` metadata property: see docker-compose.yml); the links are resolved and paged here by position.
   */
  async readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(`$bc-${correlationId}`, { fromRevision: START, direction: FORWARDS, resolveLinkTos: true })) {
        const event = isUserEvent(resolved) ? toRecordedEvent(resolved) : undefined;
        if (!event || event.metadata.correlationId !== correlationId || event.position <= (options.after ?? 0)) continue;
        found.push(event);
        if (found.length >= options.maxCount) break;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return found;
  }

  /**
   * The server starts a read at `after` itself and filters nothing, so pages overlap by one event and
   * system events are dropped here; pages continue until maxCount of our events are found or $all ends.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    let cursor = options.after;
    let from = toReadPosition(cursor);
    while (found.length < options.maxCount) {
      const pageSize = options.maxCount - found.length + (cursor === undefined ? 0 : 1);
      let read = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: pageSize, direction: FORWARDS })) {
        read++;
        last = resolved.event?.position ?? last;
        const event = isUserEvent(resolved) ? toRecordedEvent(resolved) : undefined;
        if (!event || (cursor !== undefined && event.position <= cursor) || found.length >= options.maxCount) continue;
        found.push(event);
      }
      if (read < pageSize || !last) break;
      cursor = Math.max(cursor ?? -1, toPositionNumber(last.commit));
      from = last;
    }
    return found;
  }

  subscribe(options: SubscribeOptions): Subscription {
    return subscribeToAll(this.client, options, this.resubscribe);
  }

  /** One event from $all: proves the connection, the credentials and read access to $all, which subscriptions need. */
  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ fromPosition: START, maxCount: 1, direction: FORWARDS })) {
      // Reading is the check.
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Fallback for an append reply without a position: the stream's newest event carries it. */
  private async headPosition(streamName: string): Promise<number> {
    for await (const resolved of this.client.readStream(streamName, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
      const event = toRecordedEvent(resolved);
      if (event) return event.position;
    }
    throw new Error(`EventStoreDB did not report where stream ${streamName} was written`);
  }
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || (error as { type?: string })?.type === 'wrong-expected-version';
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: string })?.type === 'stream-not-found';
}

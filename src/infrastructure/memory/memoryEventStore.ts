import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
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
import { pollingSubscription } from '../polling/pollingSubscription.js';

/** In-process store for unit tests of application code; passes the same contract suite as the real ones. */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly appended = new EventEmitter();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.appended.setMaxListeners(0);
  }

  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const conflict = this.conflict(streamName, options.expectedVersion);
    if (conflict) throw conflict;
    const result = this.write(streamName, events);
    this.appended.emit('appended');
    return result;
  }

  /** All or nothing: every expected version is checked before the first event is written. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const conflicts = appends.flatMap(({ streamName, expectedVersion }) => this.conflict(streamName, expectedVersion) ?? []);
    if (conflicts.length > 0) throw new StreamsConflictError(conflicts);
    const results = appends.map(({ streamName, events }) => this.write(streamName, events));
    if (results.length > 0) this.appended.emit('appended');
    return results;
  }

  private conflict(streamName: string, expected: ExpectedVersion = 'any'): VersionConflictError | undefined {
    const current = (this.streams.get(streamName)?.length ?? 0) - 1;
    if ((expected === 'no_stream' && current !== -1) || (typeof expected === 'number' && expected !== current)) {
      return new VersionConflictError(streamName, expected, current);
    }
    return undefined;
  }

  private write(streamName: string, events: EventToAppend[]): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const recorded = events.map<RecordedEvent>((event, index) => ({
      id: event.id ?? randomUUID(),
      streamName,
      version: current + 1 + index,
      position: this.log.length + 1 + index,
      type: event.type,
      data: structuredClone(event.data),
      metadata: structuredClone(event.metadata ?? {}),
      recordedAt: this.now(),
    }));
    this.log.push(...recorded);
    this.streams.set(streamName, [...stream, ...recorded]);
    const last = recorded[recorded.length - 1];
    return { nextExpectedVersion: last.version, lastPosition: last.position };
  }

  async readStream(streamName: string, options: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    return (this.streams.get(streamName) ?? []).filter((e) => e.version >= (options.fromVersion ?? 0)).map(copy);
  }

  async readStreams(streamNames: readonly string[], { fromVersions }: ReadStreamsOptions = {}): Promise<Map<string, RecordedEvent[]>> {
    return new Map(streamNames.map((name) => [name, (this.streams.get(name) ?? []).filter((e) => e.version >= (fromVersions?.get(name) ?? 0)).map(copy)]));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const start = options.after ?? 0;
    return this.log.slice(start, start + options.maxCount).map(copy);
  }

  async readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]> {
    return this.log
      .filter((e) => e.metadata.correlationId === correlationId && e.position > (options.after ?? 0))
      .slice(0, options.maxCount)
      .map(copy);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return pollingSubscription(
      {
        readAll: (o) => this.readAll(o),
        onAppended: (listener) => {
          this.appended.on('appended', listener);
          return () => this.appended.off('appended', listener);
        },
      },
      options,
      { pollIntervalMs: 50 },
    );
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

const copy = (event: RecordedEvent): RecordedEvent => structuredClone(event);

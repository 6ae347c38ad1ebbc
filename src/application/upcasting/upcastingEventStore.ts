import type {
  CorrelatedReadOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamsOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../ports/eventStore.js';
import { storedSchemaVersion, upcastData } from './schemaVersions.js';
import { upcasters, type UpcasterRegistry } from './upcasters.js';

/** A recorded event in the current shape of its type; the metadata says which version it was stored in. */
export function upcastEvent(event: RecordedEvent, registry: UpcasterRegistry = upcasters): RecordedEvent {
  const stored = storedSchemaVersion(event.metadata);
  const { data, version } = upcastData(event.type, event.data, stored, registry);
  if (version === stored) return event;
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: version, storedSchemaVersion: stored } };
}

/**
 * The event store as deciders, projections and history read it: every event in the current shape of its type.
 * Appends pass through unchanged (handleCommand stamps the schema version).
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly registry: UpcasterRegistry = upcasters,
  ) {}

  appendToStream(streamName: string, events: EventToAppend[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult> {
    return this.inner.appendToStream(streamName, events, options);
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.inner.appendToStreams(appends);
  }

  async readStream(streamName: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]> {
    return this.upcast(await this.inner.readStream(streamName, options));
  }

  async readStreams(streamNames: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, RecordedEvent[]>> {
    const streams = await this.inner.readStreams(streamNames, options);
    return new Map([...streams].map(([name, events]) => [name, this.upcast(events)]));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.upcast(await this.inner.readAll(options));
  }

  async readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]> {
    return this.upcast(await this.inner.readCorrelated(correlationId, options));
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.inner.subscribe({ ...options, onEvents: (events) => options.onEvents(this.upcast(events)) });
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private upcast(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((event) => upcastEvent(event, this.registry));
  }
}

/** Wraps a store once: wrapping an upcasting store again would only add a layer. */
export function upcasting(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? store : new UpcastingEventStore(store);
}

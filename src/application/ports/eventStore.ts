// The event store port: every adapter (PostgreSQL, PGlite, EventStoreDB, memory) passes the same contract suite.

/** 'any' skips the check, 'no_stream' requires a new stream, a number is the exact current version (0 = one event). */
export type ExpectedVersion = 'any' | 'no_stream' | number;

export interface EventToAppend {
  /** Unique id of the event; generated when absent. */
  id?: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  streamName: string;
  /** Version within the stream, from 0. */
  version: number;
  /** Position in the global order of all events; strictly increasing in commit order. */
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as expectedVersion to append next. */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  lastPosition: number;
}

export class VersionConflictError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    readonly actual?: number,
  ) {
    super(
      `Stream ${streamName} was changed concurrently: expected version ${String(expected)}` +
        (actual === undefined ? '' : `, found ${actual}`),
    );
    this.name = 'VersionConflictError';
  }
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position; from the beginning when absent. */
  after?: number;
  maxCount: number;
}

/** Every event whose metadata carries this correlation id (one request, sync run or job run), across streams. */
export interface CorrelatedReadOptions {
  /** Exclusive: events strictly after this global position; from the first when absent. */
  after?: number;
  maxCount: number;
}

export interface SubscribeOptions {
  /** Exclusive: the last position the subscriber has already processed (its checkpoint). */
  after?: number;
  /** Largest batch handed to onEvents at once. */
  batchSize?: number;
  /** Called with events in global order, one call at a time; a rejection stops the subscription. */
  onEvents(events: RecordedEvent[]): Promise<void>;
}

export interface Subscription {
  /** Resolves once the subscription has delivered everything that existed when it started. */
  readonly caughtUp: Promise<void>;
  /** Resolves when the subscription ends: after stop(), or rejects with the handler's or store's error. */
  readonly done: Promise<void>;
  /** Stops after the batch in flight, if any, is handled. */
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: EventToAppend[],
    options?: { expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /** All events of a stream in version order; an empty list for a stream that does not exist. */
  readStream(streamName: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  /** Several whole streams at once (e.g. every order of a page): each name maps to its events, empty when it does not exist. */
  readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The events of one correlation id (metadata.correlationId), in global order, a page at a time. */
  readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then delivers new events as they are appended. */
  subscribe(options: SubscribeOptions): Subscription;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

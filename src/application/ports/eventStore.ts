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

/**
 * A multi-stream append (appendToStreams) refused because streams had moved on. `conflicts` names every conflicting
 * stream the store saw; `written` names the streams that were appended before it stopped: always none on a store
 * that appends atomically (PostgreSQL, PGlite, memory), a leading part of the list on EventStoreDB.
 */
export class StreamsConflictError extends VersionConflictError {
  constructor(
    readonly conflicts: readonly VersionConflictError[],
    readonly written: readonly string[] = [],
  ) {
    super(conflicts[0].streamName, conflicts[0].expected, conflicts[0].actual);
    this.message = `Streams changed concurrently: ${conflicts.map((c) => c.message.replace(/^Stream /, '')).join('; ')}`;
    this.name = 'StreamsConflictError';
  }
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamName: string;
  events: EventToAppend[];
  expectedVersion?: ExpectedVersion;
}

/** What every adapter refuses in a multi-stream append before touching its store: an empty append, a stream twice. */
export function checkStreamAppends(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const { streamName, events } of appends) {
    if (events.length === 0) throw new Error(`appendToStreams needs at least one event for ${streamName}`);
    if (seen.has(streamName)) throw new Error(`appendToStreams lists ${streamName} twice`);
    seen.add(streamName);
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

export interface ReadStreamsOptions {
  /** A stream's first version to read; a stream not in the map is read whole. */
  fromVersions?: ReadonlyMap<string, number>;
}

/** The part of the store a command handler needs: read streams, append to one. */
export type StreamStore = Pick<EventStore, 'readStream' | 'readStreams' | 'appendToStream'>;

export interface EventStore {
  appendToStream(
    streamName: string,
    events: EventToAppend[],
    options?: { expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * Several streams at once (e.g. everything one page of a sync run decided), each at its own expected version; one
   * result per append, in the list's order. A stream may appear once in the list. What each adapter guarantees:
   * - PostgreSQL, PGlite, memory: all or nothing. Every expected version is checked first; on any conflict nothing
   *   is written and a StreamsConflictError names every conflicting stream. The events take consecutive positions in
   *   the list's order, committed together (no other append lands between them).
   * - EventStoreDB (no multi-stream transaction): stream by stream in the list's order, stopping at the first
   *   failure. A conflict throws StreamsConflictError naming that stream and, in `written`, the streams before it,
   *   which stay written; another failure (a lost connection) may leave any leading part written. The caller lists
   *   what other streams refer to before them, so a partial write is one a re-run completes.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** All events of a stream in version order; an empty list for a stream that does not exist. */
  readStream(streamName: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  /**
   * Several streams at once (e.g. every order of a page): each name maps to its events, empty when it does not exist;
   * whole, or from the version `fromVersions` gives that stream (what a reader that remembers the rest asks for).
   */
  readStreams(streamNames: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, RecordedEvent[]>>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The events of one correlation id (metadata.correlationId), in global order, a page at a time. */
  readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then delivers new events as they are appended. */
  subscribe(options: SubscribeOptions): Subscription;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

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
import { appendLockKey, eventStoreSchemaSql } from './eventStoreSchema.js';
import { PREPARED, quoteSchema, type SqlClient, type SqlQueryable } from './sqlClient.js';

export interface PostgresEventStoreOptions {
  schema?: string;
  /** How often subscriptions look for events appended by other processes. */
  pollIntervalMs?: number;
  /** Whether close() also closes the SQL client (false when it is shared with read models). */
  ownsClient?: boolean;
  /**
   * Appends within this many ms of the last wake-up are announced to subscriptions together, at the end of the
   * window: under load each projection then commits one batch per window instead of one per append.
   */
  notifyCoalesceMs?: number;
}

interface EventRow {
  position: string | number;
  stream_name: string;
  version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

const COLUMNS = 'position, stream_name, version, event_id, type, data, metadata, recorded_at';
/** An 'any' append retries when a concurrent writer took the version its snapshot saw as next. */
const ANY_VERSION_ATTEMPTS = 20;

/** Event store on PostgreSQL or PGlite: the same SQL through the SqlClient surface. */
export class PostgresEventStore implements EventStore {
  private readonly table: string;
  private readonly lockKey: number;
  private readonly appended = new EventEmitter();
  private lastNotifiedAt = 0;
  private notifyPending = false;
  private readonly readsInFlight = new Map<string, Promise<RecordedEvent[]>>();

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: Required<PostgresEventStoreOptions>,
  ) {
    this.table = `${quoteSchema(options.schema)}.events`;
    this.lockKey = appendLockKey(options.schema);
    this.appended.setMaxListeners(0);
  }

  static async create(sql: SqlClient, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const resolved = { schema: 'synchub', pollIntervalMs: 200, ownsClient: true, notifyCoalesceMs: 20, ...options };
    await sql.exec(eventStoreSchemaSql(resolved.schema));
    return new PostgresEventStore(sql, resolved);
  }

  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const rows = events.map((e) => ({ id: e.id ?? randomUUID(), type: e.type, data: e.data, metadata: e.metadata ?? {} }));
    const required = expected === 'any' ? null : expected === 'no_stream' ? -1 : expected;
    for (let attempt = 1; ; attempt++) {
      try {
        const result =
          required === null
            ? await this.insertAfter(streamName, null, JSON.stringify(rows))
            : rows.length === 1
              ? await this.insertOneAt(streamName, required, rows[0])
              : await this.insertAt(streamName, required, JSON.stringify(rows));
        if (result) {
          this.notifyAppended();
          return result;
        }
      } catch (error) {
        if (!isStreamVersionViolation(error)) throw error;
      }
      if (expected !== 'any' || attempt >= ANY_VERSION_ATTEMPTS) {
        throw new VersionConflictError(streamName, expected, await this.currentVersion(streamName));
      }
    }
  }

  /**
   * All or nothing in one transaction: the append lock first, so the heads read next are final and the positions
   * taken are consecutive and in commit order; on any conflict the transaction ends without writing.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    if (appends.length === 0) return [];
    const results = await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.lockKey], PREPARED);
      const heads = await this.heads(tx, appends.map((a) => a.streamName));
      const conflicts = appends.flatMap(({ streamName, expectedVersion = 'any' }, index) => {
        const required = expectedVersion === 'any' ? heads[index] : expectedVersion === 'no_stream' ? -1 : expectedVersion;
        return required === heads[index] ? [] : [new VersionConflictError(streamName, expectedVersion, heads[index])];
      });
      if (conflicts.length > 0) throw new StreamsConflictError(conflicts);
      const rows = appends.flatMap(({ streamName, events }, index) =>
        events.map((e, offset) => ({ s: streamName, v: heads[index] + 1 + offset, id: e.id ?? randomUUID(), type: e.type, data: e.data, metadata: e.metadata ?? {} })),
      );
      const inserted = await tx.query<{ position: string | number; stream_name: string }>(
        `INSERT INTO ${this.table} (stream_name, version, event_id, type, data, metadata)
         SELECT e.value->>'s', (e.value->>'v')::int, (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata'
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, ord)
          ORDER BY e.ord
         RETURNING position, stream_name`,
        [JSON.stringify(rows)],
        PREPARED,
      );
      const lastPositions = new Map<string, number>();
      for (const row of inserted.rows) lastPositions.set(row.stream_name, Math.max(lastPositions.get(row.stream_name) ?? 0, Number(row.position)));
      return appends.map(({ streamName, events }, index) => ({ nextExpectedVersion: heads[index] + events.length, lastPosition: lastPositions.get(streamName)! }));
    });
    this.notifyAppended();
    return results;
  }

  /** Each stream's current version (-1 for none), in the order asked. */
  private async heads(tx: SqlQueryable, streamNames: string[]): Promise<number[]> {
    const { rows } = await tx.query<{ version: number | null }>(
      `SELECT (SELECT max(version) FROM ${this.table} WHERE stream_name = s.name) AS version
         FROM unnest($1::text[]) WITH ORDINALITY AS s(name, ord)
        ORDER BY s.ord`,
      [streamNames],
      PREPARED,
    );
    return rows.map((row) => row.version ?? -1);
  }

  /** An append after a quiet spell wakes subscribers at once; appends in quick succession wake them once per window. */
  private notifyAppended(): void {
    if (this.notifyPending) return;
    const sinceLast = Date.now() - this.lastNotifiedAt;
    const emit = () => {
      this.notifyPending = false;
      this.lastNotifiedAt = Date.now();
      this.appended.emit('appended');
    };
    if (sinceLast >= this.options.notifyCoalesceMs) return emit();
    this.notifyPending = true;
    setTimeout(emit, this.options.notifyCoalesceMs - sinceLast).unref();
  }

  /**
   * The lean append of one event at a known version: one INSERT. The unique (stream, version) key refuses a stream
   * that is ahead; the EXISTS probe on the same index refuses one that is behind.
   */
  private async insertOneAt(
    streamName: string,
    required: number,
    event: { id: string; type: string; data: unknown; metadata: Record<string, unknown> },
  ): Promise<AppendResult | undefined> {
    const { rows } = await this.sql.query<{ position: string | number }>(
      `INSERT INTO ${this.table} (stream_name, version, event_id, type, data, metadata)
       SELECT $2, $3::int + 1, $4::uuid, $5, $6::jsonb, $7::jsonb
         FROM (SELECT pg_advisory_xact_lock($1::bigint)) AS append_lock
        WHERE $3::int = -1 OR EXISTS (SELECT 1 FROM ${this.table} WHERE stream_name = $2 AND version = $3::int)
       RETURNING position`,
      [this.lockKey, streamName, required, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      PREPARED,
    );
    return rows.length === 0 ? undefined : { nextExpectedVersion: required + 1, lastPosition: Number(rows[0].position) };
  }

  /** Several events at a known version: the same guard as insertOneAt, the events unpacked from one JSON array. */
  private async insertAt(streamName: string, required: number, payload: string): Promise<AppendResult | undefined> {
    const { rows } = await this.sql.query<{ position: string | number }>(
      `INSERT INTO ${this.table} (stream_name, version, event_id, type, data, metadata)
       SELECT $2, $3::int + e.ord::int, (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata'
         FROM (SELECT pg_advisory_xact_lock($1::bigint)) AS append_lock, jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ord)
        WHERE $3::int = -1 OR EXISTS (SELECT 1 FROM ${this.table} WHERE stream_name = $2 AND version = $3::int)
       RETURNING position`,
      [this.lockKey, streamName, required, payload],
      PREPARED,
    );
    if (rows.length === 0) return undefined;
    const last = Math.max(...rows.map((row) => Number(row.position)));
    return { nextExpectedVersion: required + rows.length, lastPosition: last };
  }

  /** One statement for an 'any' append: take the append lock, read the stream's head, insert the next versions. */
  private async insertAfter(streamName: string, required: number | null, payload: string): Promise<AppendResult | undefined> {
    const { rows } = await this.sql.query<{ position: string | number; version: number }>(
      `WITH append_lock AS (SELECT pg_advisory_xact_lock($1::bigint)),
            stream_head AS (SELECT coalesce(max(version), -1) AS version FROM ${this.table} WHERE stream_name = $2)
       INSERT INTO ${this.table} (stream_name, version, event_id, type, data, metadata)
       SELECT $2, stream_head.version + e.ord::int, (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata'
         FROM append_lock, stream_head, jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ord)
        WHERE $3::int IS NULL OR stream_head.version = $3::int
       RETURNING position, version`,
      [this.lockKey, streamName, required, payload],
      PREPARED,
    );
    if (rows.length === 0) return undefined;
    const last = rows.reduce((a, b) => (Number(a.position) > Number(b.position) ? a : b));
    return { nextExpectedVersion: last.version, lastPosition: Number(last.position) };
  }

  private async currentVersion(streamName: string): Promise<number> {
    const { rows } = await this.sql.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${this.table} WHERE stream_name = $1`,
      [streamName],
      PREPARED,
    );
    return rows[0]?.version ?? -1;
  }

  async readStream(streamName: string, options: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_name = $1 AND version >= $2 ORDER BY version`,
      [streamName, options.fromVersion ?? 0],
      PREPARED,
    );
    return rows.map(toRecordedEvent);
  }

  async readStreams(streamNames: readonly string[], { fromVersions }: ReadStreamsOptions = {}): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>(streamNames.map((name) => [name, []]));
    if (streams.size === 0) return streams;
    const names = [...streams.keys()];
    const { rows } = await this.sql.query<EventRow>(
      // One index range scan per stream, whole or from its version; OFFSET 0 keeps the planner from flattening it
      // into a join that scans the whole log.
      `SELECT ${COLUMNS} FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(name, from_version, ord)
       CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM ${this.table} WHERE stream_name = s.name AND version >= s.from_version OFFSET 0) e ORDER BY s.ord, version`,
      [names, names.map((name) => fromVersions?.get(name) ?? 0)],
      PREPARED,
    );
    for (const row of rows) streams.get(row.stream_name)!.push(toRecordedEvent(row));
    return streams;
  }

  /**
   * The read-models' subscriptions wake together and mostly ask for the same page: a read already on its way is
   * shared instead of sent again (each caller gets its own array of the same events).
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const key = `${options.after ?? 0}:${options.maxCount}`;
    let read = this.readsInFlight.get(key);
    if (!read) {
      read = this.readPage(options.after ?? 0, options.maxCount).finally(() => this.readsInFlight.delete(key));
      this.readsInFlight.set(key, read);
    }
    return [...(await read)];
  }

  private async readPage(after: number, maxCount: number): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, maxCount],
      PREPARED,
    );
    return rows.map(toRecordedEvent);
  }

  async readCorrelated(correlationId: string, options: CorrelatedReadOptions): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE metadata->>'correlationId' = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [correlationId, options.after ?? 0, options.maxCount],
      PREPARED,
    );
    return rows.map(toRecordedEvent);
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
      { pollIntervalMs: this.options.pollIntervalMs },
    );
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.options.ownsClient) await this.sql.close();
  }
}

function isStreamVersionViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'events_stream_version' || !!e.message?.includes('events_stream_version'));
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    version: row.version,
    position: Number(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata ?? {},
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}

import { randomUUID } from 'node:crypto';
import {
  ANY,
  NO_STREAM,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventToAppend, ExpectedVersion, RecordedEvent } from '../../application/ports/eventStore.js';

export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}

/** The port counts a missing stream as version -1, like the SQL adapter. */
export function toActualVersion(current: CurrentRevision | undefined): number | undefined {
  if (current === undefined) return undefined;
  return current === NO_STREAM ? -1 : Number(current);
}

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.id ?? randomUUID(),
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata ?? {},
  });
}

/** Commit positions are byte offsets in the log: a Number holds them exactly up to 2^53 (8 PiB), far past any one log. */
export function toPositionNumber(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB position ${commit} is beyond 2^53 and cannot be a Number`);
  }
  return Number(commit);
}

/** gRPC appends commit every event on its own (commit = prepare), so one number restores the whole position. */
export function toReadPosition(after: number | undefined): ReadPosition {
  return after === undefined ? START : { commit: BigInt(after), prepare: BigInt(after) };
}

/** System events ($-types such as $metadata, $> links) and $-streams (stats, settings) are the server's, not ours. */
export function isUserEvent(resolved: AllStreamResolvedEvent | ResolvedEvent): boolean {
  const event = resolved.event;
  return event !== undefined && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

/** Undefined for a resolved link whose target is gone. */
export function toRecordedEvent(resolved: AllStreamResolvedEvent | ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) {
    throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without its position (server 22.6 or later needed)`);
  }
  return {
    id: event.id,
    streamName: event.streamId,
    version: Number(event.revision),
    position: toPositionNumber(commit),
    type: event.type,
    data: event.data,
    metadata: isPlainObject(event.metadata) ? event.metadata : {},
    recordedAt: event.created,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

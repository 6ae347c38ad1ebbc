import { randomUUID } from 'node:crypto';
import type { Decider, DomainCommand, DomainEvent } from '../../domain/shared/decider.js';
import { changeContextOrSystem } from '../context/changeContext.js';
import { eventMetadata } from '../context/eventMetadata.js';
import { VersionConflictError, type RecordedEvent, type StreamStore } from '../ports/eventStore.js';

export interface HandleOptions {
  /** Attempts in all when the stream changed between read and append; a conflict is never overwritten. */
  maxAttempts?: number;
  /** Wins over the ambient change context (actor, source, correlation and causation ids) field by field. */
  metadata?: Record<string, unknown>;
  /** The stream as the caller has just read it: the first attempt decides on it, a conflict reads it again. */
  history?: RecordedEvent[];
}

/** A stream's state and version as its one writer last left it (e.g. a sync run recording page after page). */
export interface KnownStream<State> {
  state: State;
  version: number;
}

export interface HandleResult<State, Event> {
  state: State;
  newEvents: Event[];
  /** Stream version after the command; -1 for a stream that still does not exist. */
  version: number;
  /** Global position of the last event appended, so a caller can wait for read models to reach it. */
  position?: number;
  /** Ids of the events appended, e.g. for what they cause to name as its causation; empty when none were. */
  eventIds: string[];
}

/** Load the stream, decide, append with the version that was read; retry a bounded number of times on conflict. */
export async function handleCommand<State, Command extends DomainCommand, Event extends DomainEvent>(
  store: StreamStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
  command: Command,
  options: HandleOptions & { known?: KnownStream<State> } = {},
): Promise<HandleResult<State, Event>> {
  return handleCommands(store, decider, streamName, [command], options);
}

/**
 * Several commands of one request on one stream, decided in turn on the state each leaves, appended in one append:
 * all their events or, when any is refused, none.
 */
export async function handleCommands<State, Command extends DomainCommand, Event extends DomainEvent>(
  store: StreamStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
  commands: readonly Command[],
  options: HandleOptions & { known?: KnownStream<State> } = {},
): Promise<HandleResult<State, Event>> {
  const maxAttempts = options.maxAttempts ?? 5;
  // Read once, so every attempt stamps the same who and why.
  const context = changeContextOrSystem();
  for (let attempt = 1; ; attempt++) {
    // A writer that knows the stream skips reading it again (a long run would re-read all it wrote, page after page).
    const known = attempt === 1 ? options.known : undefined;
    const history = known ? [] : attempt === 1 && options.history ? options.history : await store.readStream(streamName);
    const version = known ? known.version : history.length === 0 ? -1 : history[history.length - 1].version;
    let state = known ? known.state : fold(decider, history);
    const newEvents = decideInTurn(decider, commands, state);
    if (newEvents.length === 0) return { state, newEvents, version, eventIds: [] };
    // Ids chosen here, so the caller knows them without reading back what it wrote.
    const eventIds = newEvents.map(() => randomUUID());
    try {
      const result = await store.appendToStream(
        streamName,
        newEvents.map((event, index) => ({ id: eventIds[index], type: event.type, data: event.data, metadata: eventMetadata(event.type, context, options.metadata) })),
        { expectedVersion: version === -1 ? 'no_stream' : version },
      );
      state = newEvents.reduce(decider.evolve, state);
      return { state, newEvents, version: result.nextExpectedVersion, position: result.lastPosition, eventIds };
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= maxAttempts) throw error;
    }
  }
}

function decideInTurn<State, Command extends DomainCommand, Event extends DomainEvent>(decider: Decider<State, Command, Event>, commands: readonly Command[], state: State): Event[] {
  const events: Event[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
}

/** The aggregate's current state, folded from its stream: what a process reads before it decides what to do. */
export async function loadState<State, Command extends DomainCommand, Event extends DomainEvent>(
  store: StreamStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
): Promise<State> {
  return fold(decider, await store.readStream(streamName));
}

/** The state a stream's events add up to, for a caller that read the stream itself (and can hand it to handleCommand). */
export function fold<State, Event extends DomainEvent>(decider: Decider<State, never, Event>, history: RecordedEvent[]): State {
  const events = history.map((recorded) => ({ type: recorded.type, data: recorded.data }) as Event);
  return decider.evolveAll ? decider.evolveAll(decider.initialState(), events) : events.reduce(decider.evolve, decider.initialState());
}

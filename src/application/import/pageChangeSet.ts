import { randomUUID } from 'node:crypto';
import {
  VersionConflictError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type RecordedEvent,
  type StreamAppend,
  type StreamsConflictError,
  type StreamStore,
} from '../ports/eventStore.js';

/** Who decided a change of the page: one of its orders (by index) or the run recording their outcomes. */
export type PagePart = number | 'run';

interface Pending {
  part: PagePart;
  /** Order of deciding across the page: a stream is committed before every stream decided after it. */
  seq: number;
  events: RecordedEvent[];
}

interface Slot {
  /** The stream as stored when the page read it; undefined when no part read it (the run's, known to its writer). */
  stored?: Promise<RecordedEvent[]>;
  /** The version the stream is expected at when the page commits: -1 for none. */
  head?: number;
  pending: Pending[];
}

/**
 * Everything one page of a sync run decides, committed at once. Each part of the page (an order, the run) sees the
 * store through `as(part)`: reads answer from the stored streams plus what the page decided so far, appends wait in
 * memory, checked against that view's versions. `commit()` appends them all with one multi-stream append. When other
 * processes wrote some of its streams meanwhile, `redoAfter` drops the parts that read or wrote those streams, and
 * every part that saw what they decided, and says which they are: those are decided again, the rest stays as it is.
 */
export class PageChangeSet {
  private readonly slots = new Map<string, Slot>();
  private readonly touched = new Map<PagePart, Set<string>>();
  /** For each part: the streams where it saw another part's pending events, and whose they were. */
  private readonly saw = new Map<PagePart, { part: PagePart; stream: string }[]>();
  private readonly views = new Map<PagePart, StreamStore>();
  private seq = 0;

  private constructor(private readonly store: EventStore) {}

  /** Starts a page with the streams it is about to read (its orders, their buyers) read in one round trip. */
  static async read(store: EventStore, streamNames: readonly string[]): Promise<PageChangeSet> {
    const changes = new PageChangeSet(store);
    const read = await store.readStreams([...new Set(streamNames)]);
    for (const [name, events] of read) changes.slots.set(name, { stored: Promise.resolve(events), head: headOf(events), pending: [] });
    return changes;
  }

  /**
   * Streams the page will likely read too (its products), read in one round trip before any part of the page reads,
   * through a reader that may remember them from earlier pages.
   */
  async readAhead(streamNames: readonly string[], reader: Pick<EventStore, 'readStreams'> = this.store): Promise<void> {
    const unread = [...new Set(streamNames)].filter((name) => !this.slots.has(name));
    if (unread.length === 0) return;
    const read = await reader.readStreams(unread);
    for (const [name, events] of read) if (!this.slots.has(name)) this.slots.set(name, { stored: Promise.resolve(events), head: headOf(events), pending: [] });
  }

  /** The store as one part of the page sees it. Positions are known only once the page is committed (-1 before). */
  as(part: PagePart): StreamStore {
    let view = this.views.get(part);
    if (!view) {
      view = {
        readStream: (name, options) => this.readFor(part, name, options?.fromVersion ?? 0),
        readStreams: async (names) => new Map(await Promise.all(names.map(async (name) => [name, await this.readFor(part, name, 0)] as const))),
        appendToStream: (name, events, options) => this.appendFor(part, name, events, options?.expectedVersion ?? 'any'),
      };
      this.views.set(part, view);
    }
    return view;
  }

  /** One multi-stream append of every stream the page changed, in the order they were first decided. */
  async commit(): Promise<void> {
    const appends: (StreamAppend & { seq: number })[] = [];
    for (const [streamName, slot] of this.slots) {
      if (slot.pending.length === 0) continue;
      appends.push({
        streamName,
        events: slot.pending.flatMap((p) => p.events.map(toAppend)),
        expectedVersion: slot.head === -1 ? 'no_stream' : slot.head,
        seq: Math.min(...slot.pending.map((p) => p.seq)),
      });
    }
    appends.sort((a, b) => a.seq - b.seq);
    if (appends.length > 0) await this.store.appendToStreams(appends.map(({ seq: _, ...append }) => append));
  }

  /**
   * After a refused commit: streams it wrote (EventStoreDB writes a leading part) are kept as stored; the parts that
   * touched a conflicting stream, and those that saw their dropped events, are dropped and returned; the
   * conflicting streams are read again when next asked for.
   */
  redoAfter(error: StreamsConflictError): Set<PagePart> {
    const written = new Set(error.written);
    for (const name of written) this.keepAsStored(name);
    const conflicting = new Set(error.conflicts.map((c) => c.streamName));
    const redo = new Set([...this.touched].filter(([, streams]) => [...streams].some((s) => conflicting.has(s))).map(([part]) => part));
    for (let grew = true; grew; ) {
      grew = false;
      for (const [part, seen] of this.saw) {
        if (redo.has(part) || !seen.some((s) => redo.has(s.part) && !written.has(s.stream))) continue;
        redo.add(part);
        grew = true;
      }
    }
    for (const part of redo) this.discard(part);
    for (const name of conflicting) this.slots.delete(name);
    return redo;
  }

  /** Drops what a part decided, e.g. the run's outcomes before the outcomes are recorded again. */
  discard(part: PagePart): void {
    for (const [name, slot] of this.slots) {
      slot.pending = slot.pending.filter((p) => p.part !== part);
      // A stream only written blind (the run's) is expected at whatever its next append says.
      if (!slot.stored && slot.pending.length === 0) this.slots.delete(name);
    }
    this.touched.delete(part);
    this.saw.delete(part);
  }

  private async readFor(part: PagePart, name: string, fromVersion: number): Promise<RecordedEvent[]> {
    this.touch(part, name);
    const slot = await this.loaded(name);
    this.sees(part, name, slot);
    return [...(await slot.stored!), ...slot.pending.flatMap((p) => p.events)].filter((e) => e.version >= fromVersion);
  }

  private async appendFor(part: PagePart, name: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    this.touch(part, name);
    let slot = this.slots.get(name);
    if (!slot && expected === 'any') slot = await this.loaded(name);
    if (!slot) {
      // A writer that knows the stream's version (the run's own) appends without the page reading it.
      slot = { head: expected === 'no_stream' ? -1 : (expected as number), pending: [] };
      this.slots.set(name, slot);
    }
    await slot.stored;
    const current = currentVersion(slot);
    const required = expected === 'any' ? current : expected === 'no_stream' ? -1 : expected;
    if (required !== current) throw new VersionConflictError(name, expected, current);
    this.sees(part, name, slot);
    const recorded = events.map<RecordedEvent>((event, index) => ({
      id: event.id ?? randomUUID(),
      streamName: name,
      version: current + 1 + index,
      position: -1,
      type: event.type,
      data: event.data,
      metadata: event.metadata ?? {},
      recordedAt: new Date(),
    }));
    slot.pending.push({ part, seq: ++this.seq, events: recorded });
    return { nextExpectedVersion: current + events.length, lastPosition: -1 };
  }

  /** The slot with its stored events, read now when no part of the page has read it yet. */
  private async loaded(name: string): Promise<Slot> {
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { pending: [] };
      this.slots.set(name, slot);
    }
    if (!slot.stored) {
      const target = slot;
      target.stored = this.store.readStream(name).then((events) => {
        target.head ??= headOf(events);
        return events;
      });
    }
    await slot.stored;
    return slot;
  }

  private keepAsStored(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    const events = slot.pending.flatMap((p) => p.events);
    slot.head = currentVersion(slot);
    slot.stored = slot.stored?.then((stored) => [...stored, ...events]);
    slot.pending = [];
  }

  private touch(part: PagePart, name: string): void {
    let streams = this.touched.get(part);
    if (!streams) this.touched.set(part, (streams = new Set()));
    streams.add(name);
  }

  /** The part now depends on every other part's pending events in the stream. */
  private sees(part: PagePart, name: string, slot: Slot): void {
    for (const pending of slot.pending) {
      if (pending.part === part) continue;
      let seen = this.saw.get(part);
      if (!seen) this.saw.set(part, (seen = []));
      seen.push({ part: pending.part, stream: name });
    }
  }
}

const headOf = (events: RecordedEvent[]) => (events.length === 0 ? -1 : events[events.length - 1].version);

const currentVersion = (slot: Slot) => slot.head! + slot.pending.reduce((n, p) => n + p.events.length, 0);

const toAppend = (event: RecordedEvent): EventToAppend => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });

import type { EventStore, RecordedEvent } from '../ports/eventStore.js';

/** Events one sync run keeps between its pages (~0.7 KB each): its products' streams, within the importer's memory budget. */
const REMEMBERED_EVENTS = 10_000;

/**
 * The streams one sync run reads page after page (its products, which grow by a variant at a time), remembered as
 * read: each page then reads only what was appended to them since, by this run or by anyone else. Events never
 * change once stored, so what is remembered stays true. The streams read longest ago are forgotten first.
 */
export class RememberedStreams {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private events = 0;

  constructor(
    private readonly store: Pick<EventStore, 'readStreams'>,
    private readonly capacity = REMEMBERED_EVENTS,
  ) {}

  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const known = new Map<string, RecordedEvent[]>();
    const fromVersions = new Map<string, number>();
    for (const name of streamNames) {
      const events = this.streams.get(name);
      if (!events?.length) continue;
      known.set(name, events);
      fromVersions.set(name, events[events.length - 1].version + 1);
    }
    const read = await this.store.readStreams(streamNames, { fromVersions });
    // Every stream is made whole before any is remembered: remembering one may forget another of this read.
    const whole = new Map<string, RecordedEvent[]>();
    for (const [name, added] of read) {
      const before = known.get(name) ?? [];
      whole.set(name, added.length === 0 ? before : [...before, ...added]);
    }
    for (const [name, events] of whole) this.remember(name, events);
    return whole;
  }

  private remember(name: string, events: RecordedEvent[]): void {
    this.events += events.length - (this.streams.get(name)?.length ?? 0);
    // Re-inserted: a Map keeps insertion order, so the first entries are the streams read longest ago.
    this.streams.delete(name);
    this.streams.set(name, events);
    for (const [oldest, forgotten] of this.streams) {
      if (this.events <= this.capacity || oldest === name) break;
      this.streams.delete(oldest);
      this.events -= forgotten.length;
    }
  }
}

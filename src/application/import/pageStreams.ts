import type { EventStore, RecordedEvent } from '../ports/eventStore.js';

/**
 * The streams a page of orders is about to touch (its orders, their buyers), read in one round trip instead of one
 * each. Each is handed out once: a second order of the page on the same buyer reads it fresh, and a stream that
 * changed since the page read it is caught by its version when appended to.
 */
export class PageStreams {
  private constructor(private readonly streams: Map<string, RecordedEvent[]>) {}

  static async read(store: EventStore, streamNames: readonly string[]): Promise<PageStreams> {
    return new PageStreams(await store.readStreams([...new Set(streamNames)]));
  }

  static none(): PageStreams {
    return new PageStreams(new Map());
  }

  /** The stream as the page read it, or undefined when it was not read or was handed out already. */
  take(streamName: string): RecordedEvent[] | undefined {
    const events = this.streams.get(streamName);
    this.streams.delete(streamName);
    return events;
  }
}

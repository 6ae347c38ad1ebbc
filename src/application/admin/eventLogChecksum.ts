import { createHash, type Hash } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../ports/eventStore.js';

/** Count and SHA-256 of a log: equal on two stores when they hold the same events in the same order. */
export interface LogSummary {
  count: number;
  checksum: string;
}

/** Running SHA-256 over id|stream|version|type|data|metadata of each event in order; JSON with sorted keys. */
export class EventLogChecksum {
  private readonly hash: Hash = createHash('sha256');
  count = 0;

  add(event: RecordedEvent): void {
    this.hash.update(
      `${event.id}|${event.streamName}|${event.version}|${event.type}|${canonicalJson(event.data)}|${canonicalJson(event.metadata)}\n`,
    );
    this.count++;
  }

  /** The summary so far; the checksum can go on taking events afterwards. */
  summary(): LogSummary {
    return { count: this.count, checksum: this.hash.copy().digest('hex') };
  }
}

/** Reads the whole log once and summarises it. */
export async function summariseLog(store: EventStore, pageSize = 2_000, onPage?: (events: RecordedEvent[]) => void): Promise<LogSummary> {
  const checksum = new EventLogChecksum();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    for (const event of page) checksum.add(event);
    onPage?.(page);
    if (page.length < pageSize) return checksum.summary();
    after = page[page.length - 1].position;
  }
}

/** Stores differ in the key order they keep (JSONB sorts keys, EventStoreDB keeps them): sort to compare content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

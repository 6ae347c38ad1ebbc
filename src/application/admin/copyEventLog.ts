import type { EventStore, RecordedEvent } from '../ports/eventStore.js';
import { EventLogChecksum, summariseLog, type LogSummary } from './eventLogChecksum.js';
import { logSpan } from './logSpan.js';
import type { OnReplayProgress } from './replayProgress.js';

export interface CopyOptions {
  batchSize?: number;
  onProgress?: OnReplayProgress;
}

export interface CopyReport {
  /** Events the target already had (a copy resumed after a stop). */
  skipped: number;
  copied: number;
  source: LogSummary;
  target: LogSummary;
  identical: boolean;
}

/** The target holds events that are not the start of the source log: copying on would mix two histories. */
export class TargetNotACopyError extends Error {
  constructor(count: number) {
    super(`The target store holds ${count} events that are not the first ${count} events of the source; copy into an empty store`);
    this.name = 'TargetNotACopyError';
  }
}

/**
 * Copies the whole log in order, keeping stream names, versions, event ids and metadata. Resumable: the events the
 * target holds must be the start of the source (checked by checksum) and are skipped. Verified by count and checksum.
 */
export async function copyEventLog(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopyReport> {
  const batchSize = options.batchSize ?? 1_000;
  const already = await summariseLog(target, batchSize);
  const span = await logSpan(source);
  const sourceChecksum = new EventLogChecksum();
  let after: number | undefined;
  let copied = 0;
  let done = 0;
  for (;;) {
    const page = await source.readAll({ after, maxCount: batchSize });
    const toCopy: RecordedEvent[] = [];
    for (const event of page) {
      if (sourceChecksum.count < already.count) {
        sourceChecksum.add(event);
        if (sourceChecksum.count === already.count && sourceChecksum.summary().checksum !== already.checksum) {
          throw new TargetNotACopyError(already.count);
        }
      } else {
        sourceChecksum.add(event);
        toCopy.push(event);
      }
    }
    await appendInOrder(target, toCopy);
    copied += toCopy.length;
    done += page.length;
    if (page.length > 0) {
      after = page[page.length - 1].position;
      options.onProgress?.({ done, position: after, span });
    }
    if (page.length < batchSize) break;
  }
  if (sourceChecksum.count < already.count) throw new TargetNotACopyError(already.count);
  const sourceSummary = sourceChecksum.summary();
  const targetSummary = await summariseLog(target, batchSize);
  return {
    skipped: already.count,
    copied,
    source: sourceSummary,
    target: targetSummary,
    identical: sourceSummary.count === targetSummary.count && sourceSummary.checksum === targetSummary.checksum,
  };
}

/** Consecutive events of one stream go in one append; the expected version keeps the versions as they were. */
async function appendInOrder(target: EventStore, events: RecordedEvent[]): Promise<void> {
  let run: RecordedEvent[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0];
    await target.appendToStream(
      first.streamName,
      run.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
      { expectedVersion: first.version === 0 ? 'no_stream' : first.version - 1 },
    );
    run = [];
  };
  for (const event of events) {
    const last = run[run.length - 1];
    if (last && (last.streamName !== event.streamName || last.version + 1 !== event.version)) await flush();
    run.push(event);
  }
  await flush();
}

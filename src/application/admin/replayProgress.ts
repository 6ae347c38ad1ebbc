import type { LogSpan } from './logSpan.js';

/** How far a long pass over the log has come, for a progress bar. */
export interface ReplayProgress {
  /** Events read so far. */
  done: number;
  /** Position of the last event read. */
  position: number;
  /** The log as it was when the pass started; events appended later come on top. */
  span: LogSpan;
}

export type OnReplayProgress = (progress: ReplayProgress) => void;

/** Share of the work done, by position: exact for dense positions, an estimate for sparse ones. */
export function fractionDone({ position, span }: ReplayProgress): number {
  if (span.head <= span.first) return 1;
  return Math.min(1, Math.max(0, (position - span.first + 1) / (span.head - span.first + 1)));
}

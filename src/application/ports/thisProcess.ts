import type { RunOwner } from '../../domain/syncRun/syncRunEvents.js';

/** The running process as the application sees it: who owns the runs it starts, and whether another owner still runs. */
export interface ThisProcess {
  readonly owner: RunOwner;
  /** true: that process runs; false: it is gone; undefined: it runs elsewhere, so only its silence can tell. */
  isRunning(owner: RunOwner): boolean | undefined;
}

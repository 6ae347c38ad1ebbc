// The scheduler port: recurring and one-off jobs, one job per (name, key), never run twice at the same time.
import type { AutomationSchedule } from '../../domain/automation/automationSchedule.js';

export interface JobRun {
  name: string;
  /** Identifies the job among jobs of the same name, e.g. the integration id of an automation. */
  key: string;
  data: Record<string, unknown>;
  /** Who asked for this run: whoever started it by hand (`save` with `requestedBy`), else `schedule`. */
  trigger: string;
  /** Keeps the job's lock alive during long work and records how far it got (0–100). */
  touch(progress?: number): Promise<void>;
  /** Aborted when the scheduler stops: the handler should end at a safe point. */
  signal: AbortSignal;
  /** The next run of a recurring job happens no sooner than `until` (a run asked for meanwhile still goes first). */
  postponeNextRun(until: Date): void;
}

export type JobHandler = (run: JobRun) => Promise<void>;

export interface JobDefinitionOptions {
  /** How long a lock holds without a touch before another worker may take the job over. */
  lockLifetimeMs?: number;
}

export interface ScheduledJob {
  name: string;
  key: string;
  data: Record<string, unknown>;
  /** Milliseconds between runs; null for a one-off job. */
  intervalMs: number | null;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  /** Set while a worker holds the job. */
  lockedAt: Date | null;
  failedAt: Date | null;
  failReason: string | null;
  progress: number | null;
  /** The job as the domain's automation schedule: disabled, enabled with its next run, or running. */
  schedule: AutomationSchedule;
}

export interface Scheduler {
  define(name: string, handler: JobHandler, options?: JobDefinitionOptions): void;
  /** Creates or updates the one recurring job of (name, key); its first run is after `intervalMs` unless `runNow`. */
  every(name: string, key: string, intervalMs: number, data: Record<string, unknown>, options?: { runNow?: boolean }): Promise<void>;
  /** Runs the job of (name, key) as soon as a worker is free, creating it as a one-off job if it does not exist. */
  runNow(name: string, key: string, data?: Record<string, unknown>): Promise<void>;
  /** Stores the schedule the domain decided for the job of (name, key), creating the job; `requestedBy` asks for this run by name. */
  save(name: string, key: string, schedule: AutomationSchedule, data: Record<string, unknown>, options?: { requestedBy?: string }): Promise<void>;
  /** Enables the job with a next run (the domain's Enable); false when there is no job. */
  enable(name: string, key: string): Promise<boolean>;
  /** Disables the job and clears its next run (the domain's Disable); false when there is no job. */
  disable(name: string, key: string): Promise<boolean>;
  /** Removes the job; false when there was none. */
  remove(name: string, key: string): Promise<boolean>;
  jobs(filter?: { name?: string; key?: string }): Promise<ScheduledJob[]>;
  /** Starts working on due jobs. */
  start(): Promise<void>;
  /** Stops taking jobs, aborts running handlers' signals and waits for them to end. */
  stop(): Promise<void>;
}

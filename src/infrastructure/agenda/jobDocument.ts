import type { JobParameters } from 'agenda';
import type { ScheduledJob } from '../../application/ports/scheduler.js';
import type { AutomationSchedule } from '../../domain/automation/automationSchedule.js';

/**
 * What this adapter stores in an Agenda job's `data`: the key that makes (name, key) unique, the
 * caller's data kept apart so it can never clash with our fields, and the last run request.
 */
export interface JobDocumentData {
  key: string;
  data: Record<string, unknown>;
  /** Changed by every runNow: a value different from the one seen when a run started means "run again". */
  runRequest?: string;
  /** Who asked for a run by hand, and when: the first run after that is theirs, later ones the schedule's. */
  requested?: { by: string; at: string };
}

/** The `unique` filter of Agenda's upsert; the backends always add the job name to it. */
export function uniqueByKey(key: string): Record<string, unknown> {
  return { 'data.key': key };
}

export function toScheduledJob(job: JobParameters<unknown>): ScheduledJob {
  const data = (job.data ?? {}) as Partial<JobDocumentData>;
  const scheduled = {
    name: job.name,
    key: typeof data.key === 'string' ? data.key : '',
    data: data.data ?? {},
    intervalMs: intervalMs(job.repeatInterval),
    enabled: job.disabled !== true,
    nextRunAt: date(job.nextRunAt),
    lastRunAt: date(job.lastRunAt),
    lastFinishedAt: date(job.lastFinishedAt),
    lockedAt: date(job.lockedAt),
    failedAt: date(job.failedAt),
    failReason: job.failReason ?? null,
    progress: typeof job.progress === 'number' ? job.progress : null,
  };
  return { ...scheduled, schedule: scheduleOf(scheduled) };
}

/**
 * The domain's schedule of a stored job. Agenda locks a due job just before running it: locked is running. A one-off
 * job that ran keeps Agenda's enabled flag but has nothing left to run: it is disabled until enabled again.
 */
export function scheduleOf(job: Omit<ScheduledJob, 'schedule'>): AutomationSchedule {
  const runningSince = job.lockedAt === null ? null : job.lastRunAt && job.lastRunAt >= job.lockedAt ? job.lastRunAt : job.lockedAt;
  const enabled = job.enabled && (job.intervalMs !== null || job.nextRunAt !== null || runningSince !== null);
  return {
    enabled,
    intervalMs: job.intervalMs,
    nextRunAt: enabled && job.nextRunAt ? job.nextRunAt.toISOString() : null,
    runningSince: runningSince?.toISOString() ?? null,
  };
}

/** We only ever store milliseconds; PostgreSQL hands them back as text. */
export function intervalMs(repeatInterval: string | number | undefined | null): number | null {
  if (repeatInterval === undefined || repeatInterval === null || repeatInterval === '') return null;
  const value = Number(repeatInterval);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function date(value: Date | string | null | undefined): Date | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

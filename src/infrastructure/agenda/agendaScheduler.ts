import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agenda, type AgendaBackend, type Job, type JobWithState } from 'agenda';
import type {
  JobDefinitionOptions,
  JobHandler,
  JobRun,
  ScheduledJob,
  Scheduler,
} from '../../application/ports/scheduler.js';
import { decideSchedule, type AutomationSchedule, type ScheduleCommand } from '../../domain/automation/automationSchedule.js';
import { GuardedBackend } from './backend.js';
import { intervalMs as storedIntervalMs, toScheduledJob, uniqueByKey, type JobDocumentData } from './jobDocument.js';

export interface AgendaSchedulerOptions {
  /** How often due jobs are looked for, in milliseconds (a number: Agenda misreads some strings). */
  processEveryMs?: number;
  /** Lock lifetime of jobs defined without their own. */
  defaultLockLifetimeMs?: number;
  /** Names this worker in the jobs it locks (lastModifiedBy); default host:pid. */
  name?: string;
  /** How long stop() waits for running handlers once their signals are aborted. */
  stopTimeoutMs?: number;
  /** Errors Agenda reports outside any caller's promise (lost locks, failed polls). */
  onError?: (error: Error) => void;
}

interface RunningHandler {
  controller: AbortController;
  finished: Promise<void>;
  finish(): void;
}

/** Saving the same new (name, key) from two places at once: the loser retries and updates. */
const DUPLICATE_KEY_CODES = new Set<unknown>(['23505', 11000, 11001]);

/**
 * The scheduler port on Agenda 6. One Agenda job per (name, key), the key kept in `data.key` and made
 * unique by Agenda's upsert (and by an index the backend factories create), so Agenda's lock on that one
 * job is what keeps two runs of (name, key) from overlapping, across processes.
 */
export class AgendaScheduler implements Scheduler {
  private readonly agenda: Agenda;
  private readonly backend: GuardedBackend;
  private readonly defaultLockLifetimeMs: number;
  private readonly stopTimeoutMs: number;
  private readonly running = new Map<Job, RunningHandler>();
  private stopping: Promise<void> | undefined;

  constructor(backend: AgendaBackend, options: AgendaSchedulerOptions = {}) {
    this.defaultLockLifetimeMs = options.defaultLockLifetimeMs ?? 60_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.backend = new GuardedBackend(backend);
    this.agenda = new Agenda({
      backend: this.backend,
      name: options.name ?? `${hostname()}:${process.pid}`,
      processEvery: options.processEveryMs ?? 1000,
      defaultLockLifetime: this.defaultLockLifetimeMs,
    });
    if (options.onError) this.agenda.on('error', options.onError);
    // Agenda emits 'complete' after it has saved the run's outcome and released the lock.
    this.agenda.on('complete', (job) => {
      const entry = this.running.get(job);
      if (!entry) return;
      this.running.delete(job);
      entry.finish();
    });
  }

  define(name: string, handler: JobHandler, options: JobDefinitionOptions = {}): void {
    this.agenda.define(name, (job: Job<JobDocumentData>) => this.runHandler(job, handler), {
      lockLifetime: options.lockLifetimeMs ?? this.defaultLockLifetimeMs,
    });
  }

  async every(
    name: string,
    key: string,
    intervalMs: number,
    data: Record<string, unknown>,
    options: { runNow?: boolean } = {},
  ): Promise<void> {
    if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
      throw new RangeError(`intervalMs must be a positive whole number of milliseconds, got ${intervalMs}`);
    }
    await this.upsert(name, key, (existing) => {
      const previous = existing?.data;
      const doc: JobDocumentData = { key, data };
      // A run asked for and not yet taken stays asked for.
      const runRequest = options.runNow ? randomUUID() : previous?.runRequest;
      if (runRequest !== undefined) doc.runRequest = runRequest;
      if (previous?.requested !== undefined) doc.requested = previous.requested;
      const job = this.agenda.create<JobDocumentData>(name, doc);
      job.repeatEvery(intervalMs, { skipImmediate: true }); // nextRunAt = now + interval
      const pending = existing?.nextRunAt ?? null;
      if (options.runNow) job.schedule(new Date());
      else if (pending && (storedIntervalMs(existing?.repeatInterval) === intervalMs || pending < job.attrs.nextRunAt!)) {
        // Calling every() again (at each start-up) must not push the next run further away.
        job.attrs.nextRunAt = pending;
      }
      if (existing?.disabled) job.disable();
      return job;
    });
  }

  async runNow(name: string, key: string, data?: Record<string, unknown>): Promise<void> {
    await this.upsert(name, key, (existing) => {
      const doc: JobDocumentData = { key, data: data ?? existing?.data.data ?? {}, runRequest: randomUUID() };
      const job = this.agenda.create<JobDocumentData>(name, doc);
      // The same job keeps its schedule: after this run the next one is an interval later.
      if (existing?.repeatInterval !== undefined && existing.repeatInterval !== null) {
        job.attrs.repeatInterval = existing.repeatInterval;
        job.attrs.repeatTimezone = existing.repeatTimezone;
      }
      job.schedule(new Date());
      // While the job runs its lock keeps this from starting a second run; the running handler sees
      // the new runRequest when it ends and schedules one more run at once.
      if (existing?.disabled) job.disable();
      return job;
    });
  }

  async save(name: string, key: string, schedule: AutomationSchedule, data: Record<string, unknown>, options: { requestedBy?: string } = {}): Promise<void> {
    await this.upsert(name, key, (existing) => {
      const previous = existing?.data;
      const doc: JobDocumentData = { key, data };
      // A run asked for and not yet served stays asked for, by whoever asked.
      const runRequest = options.requestedBy ? randomUUID() : previous?.runRequest;
      if (runRequest !== undefined) doc.runRequest = runRequest;
      const request = options.requestedBy ? { by: options.requestedBy, at: new Date().toISOString() } : previous?.requested;
      if (request !== undefined) doc.requested = request;
      const job = this.agenda.create<JobDocumentData>(name, doc);
      if (schedule.intervalMs !== null) job.repeatEvery(schedule.intervalMs, { skipImmediate: true });
      job.attrs.nextRunAt = schedule.nextRunAt === null ? null : new Date(schedule.nextRunAt);
      if (!schedule.enabled) job.disable();
      return job;
    });
  }

  async enable(name: string, key: string): Promise<boolean> {
    return this.decide(name, key, { type: 'Enable', at: new Date().toISOString() });
  }

  async disable(name: string, key: string): Promise<boolean> {
    return this.decide(name, key, { type: 'Disable', at: new Date().toISOString() });
  }

  /** The domain's decision on the job's schedule, stored; false when there is no job. */
  private async decide(name: string, key: string, command: ScheduleCommand): Promise<boolean> {
    const [job] = await this.jobs({ name, key });
    if (!job) return false;
    await this.save(name, key, decideSchedule(job.schedule, command, `${name} ${key}`), job.data);
    return true;
  }

  async remove(name: string, key: string): Promise<boolean> {
    await this.backend.connected();
    return (await this.agenda.cancel({ name, data: { key } })) > 0;
  }

  async jobs(filter: { name?: string; key?: string } = {}): Promise<ScheduledJob[]> {
    await this.backend.connected();
    const { jobs } = await this.agenda.queryJobs({
      name: filter.name,
      data: filter.key === undefined ? undefined : { key: filter.key },
    });
    return jobs
      .filter((job) => typeof (job.data as Partial<JobDocumentData> | undefined)?.key === 'string')
      .map(toScheduledJob)
      .sort((a, b) => (a.name === b.name ? compare(a.key, b.key) : compare(a.name, b.name)));
  }

  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    this.stopping = undefined;
    await this.backend.connected();
    await this.agenda.start();
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  private async stopNow(): Promise<void> {
    // Stops taking jobs at once (synchronously), and releases those taken but not started.
    const stopped = this.agenda.stop(false);
    for (const entry of this.running.values()) entry.controller.abort(stoppingError());
    await stopped;
    const deadline = Date.now() + this.stopTimeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      const timeout = new AbortController();
      await Promise.race([
        Promise.all([...this.running.values()].map((entry) => entry.finished)),
        sleep(deadline - Date.now(), undefined, { signal: timeout.signal }).catch(() => undefined),
      ]);
      timeout.abort();
    }
    if (this.backend.ownsConnection) await this.backend.disconnect();
  }

  private async runHandler(job: Job<JobDocumentData>, handler: JobHandler): Promise<void> {
    const doc = job.attrs.data;
    const controller = new AbortController();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.running.set(job, { controller, finished, finish });
    // Agenda cancels a run whose lock expired (no touch within the lock lifetime): another worker may
    // take the job over, so the handler is told to stop too.
    const cancel = job.cancel.bind(job);
    job.cancel = (error?: Error) => {
      controller.abort(error ?? new Error(`Job ${job.attrs.name} ${doc.key} was canceled`));
      cancel(error);
    };
    if (this.stopping) controller.abort(stoppingError());
    // Progress is that of this run: reported by its touches, not left over from the last one.
    job.attrs.progress = undefined;
    let progress: number | undefined;
    let postponedUntil: Date | undefined;
    // A request made after the last run finished is what this run serves; later runs are the schedule's.
    const previousEnd = job.attrs.lastFinishedAt ? new Date(job.attrs.lastFinishedAt).getTime() : 0;
    const requested = doc.requested !== undefined && Date.parse(doc.requested.at) > previousEnd;
    const run: JobRun = {
      name: job.attrs.name,
      key: doc.key,
      data: doc.data ?? {},
      trigger: requested ? doc.requested!.by : 'schedule',
      signal: controller.signal,
      touch: async (value?: number) => {
        if (value !== undefined) progress = value;
        await job.touch(progress);
      },
      postponeNextRun: (until) => void (postponedUntil = until),
    };
    try {
      await handler(run);
    } catch (error) {
      // Agenda records error.message as the fail reason; anything thrown becomes an Error.
      throw error instanceof Error ? error : new Error(String(error));
    } finally {
      await this.endRun(job, doc.runRequest, postponedUntil);
    }
  }

  /**
   * Agenda is about to save the nextRunAt it computed when the run began. The domain's EndRun decides it instead,
   * from the job as it is now: disabled meanwhile, no next run; a postponement, later, never earlier. A runNow
   * during this run could not start a second run (the lock): if a new request came in meanwhile, run again at once.
   */
  private async endRun(job: Job<JobDocumentData>, seen: string | undefined, postponedUntil: Date | undefined): Promise<void> {
    try {
      const { jobs } = await this.agenda.queryJobs({ id: String(job.attrs._id) });
      const stored = jobs[0] ? toScheduledJob(jobs[0]) : undefined;
      if (!stored) return;
      const running = { ...stored.schedule, enabled: stored.enabled, nextRunAt: stored.enabled ? (job.attrs.nextRunAt?.toISOString() ?? null) : null };
      const ended = decideSchedule({ ...running, runningSince: running.runningSince ?? new Date().toISOString() }, {
        type: 'EndRun',
        at: new Date().toISOString(),
        notBefore: postponedUntil?.toISOString() ?? null,
      });
      job.attrs.nextRunAt = ended.nextRunAt === null ? null : new Date(ended.nextRunAt);
      const request = (jobs[0]!.data as Partial<JobDocumentData> | undefined)?.runRequest;
      if (stored.enabled && request !== undefined && request !== seen) job.attrs.nextRunAt = new Date();
    } catch {
      // The job was removed, or the database is away: the next scheduled run still happens.
    }
  }

  /** Creates or updates the one job of (name, key). */
  private async upsert(
    name: string,
    key: string,
    build: (existing: JobWithState<JobDocumentData> | undefined) => Job<JobDocumentData>,
  ): Promise<void> {
    await this.backend.connected();
    for (let attempt = 1; ; attempt++) {
      const { jobs } = await this.agenda.queryJobs({ name, data: { key } });
      const existing = (jobs as JobWithState<JobDocumentData>[]).find((job) => job.data?.key === key);
      const job = build(existing).unique(uniqueByKey(key));
      try {
        await job.save();
        return;
      } catch (error) {
        if (attempt >= 3 || !DUPLICATE_KEY_CODES.has((error as { code?: unknown }).code)) throw error;
      }
    }
  }
}

function stoppingError(): Error {
  const error = new Error('The scheduler is stopping');
  error.name = 'AbortError';
  return error;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

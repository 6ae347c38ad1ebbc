import {
  decideSchedule,
  neverConfigured,
  scheduleState,
  type AutomationSchedule,
  type AutomationScheduleState,
  type ScheduleCommand,
} from '../../domain/automation/automationSchedule.js';
import type { Platform } from '../../domain/integration/integrationSettings.js';
import { DomainError, InvalidStateError } from '../../domain/shared/errors.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import type { ScheduledJob, Scheduler } from '../ports/scheduler.js';
import { AUTOMATION_RUNS_COLLECTION, type AutomationRunDocument } from '../projections/automationRunsProjection.js';
import { pagedList, type Page, type PageRequest } from '../queries/pagedList.js';
import { AUTOMATIONS, automationNamed } from './automationCatalog.js';
import type { AutomationDefinition } from './automationDefinition.js';
import { requestAutomationStop, runAutomation } from './automationRun.js';

export class UnknownAutomationError extends DomainError {
  constructor(name: string) {
    super('not-found', `No automation ${name}; known: ${AUTOMATIONS.map((a) => a.name).join(', ')}`);
  }
}

export interface AutomationView {
  name: string;
  title: string;
  supported: boolean;
  /** disabled (also every automation never configured), enabled (repeats every intervalMs) or running. */
  state: AutomationScheduleState;
  /** Milliseconds between runs (the automation's default until set); null for one-off automations. */
  intervalMs: number | null;
  enabled: boolean;
  /** Whether a job exists for it (it was enabled or scheduled at some time). */
  scheduled: boolean;
  running: boolean;
  nextRunAt: string | null;
  /** Set while the automation waits for its platform to come back. */
  backingOffUntil: string | null;
  lastRun: Pick<AutomationRunDocument, 'id' | 'status' | 'startedAt' | 'finishedAt' | 'counts' | 'error'> | null;
}

/** Every job handler: the scheduler calls it with the integration id as the job key. */
export function defineAutomationJobs(scheduler: Scheduler, deps: ImportDependencies): void {
  for (const definition of AUTOMATIONS) {
    scheduler.define(definition.name, async (run) => {
      const { retryNotBefore } = await runAutomation(deps, definition, run.key, run, run.trigger);
      // A platform that is down is given time: the next run waits, the other automations go on.
      if (retryNotBefore) run.postponeNextRun(retryNotBefore);
    });
  }
}

/** The operator's controls over an integration's automations: each a transition of the domain's schedule, stored by the scheduler. */
export class AutomationControls {
  constructor(
    private readonly deps: ImportDependencies,
    private readonly scheduler: Scheduler,
    /** Default intervals in place of the catalogue's, by automation name (e.g. seconds instead of minutes in tests). */
    private readonly defaultIntervalsMs: Readonly<Record<string, number>> = {},
  ) {}

  async list(integrationId: string, platform: Platform): Promise<AutomationView[]> {
    const jobs = await this.scheduler.jobs({ key: integrationId });
    return Promise.all(AUTOMATIONS.map((definition) => this.view(definition, platform, integrationId, jobs.find((j) => j.name === definition.name))));
  }

  async get(integrationId: string, platform: Platform, name: string): Promise<AutomationView> {
    const definition = this.definition(name);
    const [job] = await this.scheduler.jobs({ name, key: integrationId });
    return this.view(definition, platform, integrationId, job);
  }

  /** Enables the automation to repeat every `intervalMs` (its current or default interval when not given). */
  async schedule(integrationId: string, platform: Platform, name: string, intervalMs?: number): Promise<void> {
    await this.transition(this.supported(name, platform), integrationId, { type: 'Enable', at: this.now(), intervalMs });
  }

  /** Runs an enabled automation now; a disabled one (also one never configured) is refused, naming enable. */
  async start(integrationId: string, platform: Platform, name: string, by: string): Promise<void> {
    await this.transition(this.supported(name, platform), integrationId, { type: 'Start', at: this.now() }, by);
  }

  /** Asks a running run to end at its next safe point; false when none was running. */
  async stop(integrationId: string, name: string, by: string): Promise<number | undefined> {
    this.definition(name);
    return requestAutomationStop(this.deps, name, integrationId, by);
  }

  /** Enables the automation; a run is always planned (a one-off automation runs once, now). */
  async enable(integrationId: string, platform: Platform, name: string): Promise<void> {
    await this.transition(this.supported(name, platform), integrationId, { type: 'Enable', at: this.now() });
  }

  /** No more runs until enabled again; a run in progress goes on (stop ends it). */
  async disable(integrationId: string, name: string): Promise<void> {
    await this.transition(this.definition(name), integrationId, { type: 'Disable', at: this.now() });
  }

  /** The domain decides the new schedule from the stored one; the scheduler stores it. */
  private async transition(definition: AutomationDefinition, integrationId: string, command: ScheduleCommand, requestedBy?: string): Promise<void> {
    const [job] = await this.scheduler.jobs({ name: definition.name, key: integrationId });
    const next = decideSchedule(this.scheduleOf(definition, job), command, definition.title);
    await this.scheduler.save(definition.name, integrationId, next, { integrationId }, { requestedBy });
  }

  /** The stored schedule, or the never-configured one; a job stored without an interval by an older version takes the default. */
  private scheduleOf(definition: AutomationDefinition, job: ScheduledJob | undefined): AutomationSchedule {
    const defaultIntervalMs = definition.defaultIntervalMs === null ? null : (this.defaultIntervalsMs[definition.name] ?? definition.defaultIntervalMs);
    if (!job) return neverConfigured(defaultIntervalMs);
    return { ...job.schedule, intervalMs: job.schedule.intervalMs ?? defaultIntervalMs };
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  async remove(integrationId: string, name: string): Promise<boolean> {
    this.definition(name);
    return this.scheduler.remove(name, integrationId);
  }

  history(integrationId: string, name: string, page: PageRequest): Promise<Page<AutomationRunDocument>> {
    this.definition(name);
    return pagedList<AutomationRunDocument>(
      this.deps.readModels,
      AUTOMATION_RUNS_COLLECTION,
      { where: { integrationId, automation: name }, orderBy: { field: 'startedAt', descending: true } },
      page,
    );
  }

  private definition(name: string): AutomationDefinition {
    const definition = automationNamed(name);
    if (!definition) throw new UnknownAutomationError(name);
    return definition;
  }

  private supported(name: string, platform: Platform): AutomationDefinition {
    const definition = this.definition(name);
    if (!this.supports(platform, definition)) {
      throw new InvalidStateError(`${definition.title} is not supported for ${platform}: no adapter can do it yet`);
    }
    return definition;
  }

  /** Whether the platform's client does what the automation needs, as the platform adapters say. */
  private supports(platform: Platform, definition: AutomationDefinition): boolean {
    return definition.needs === undefined || this.deps.platforms.capabilitiesOf(platform).has(definition.needs);
  }

  private async view(definition: AutomationDefinition, platform: Platform, integrationId: string, job: ScheduledJob | undefined): Promise<AutomationView> {
    const [last] = await this.deps.readModels.find<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, {
      where: { integrationId, automation: definition.name },
      orderBy: { field: 'startedAt', descending: true },
      limit: 1,
    });
    const schedule = this.scheduleOf(definition, job);
    const state = scheduleState(schedule);
    return {
      name: definition.name,
      title: definition.title,
      supported: this.supports(platform, definition),
      state,
      intervalMs: schedule.intervalMs,
      enabled: schedule.enabled,
      scheduled: job !== undefined,
      running: state === 'running' || last?.status === 'running',
      nextRunAt: schedule.nextRunAt,
      backingOffUntil: last?.retryNotBefore && Date.parse(last.retryNotBefore) > this.deps.clock().getTime() ? last.retryNotBefore : null,
      lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt, finishedAt: last.finishedAt, counts: last.counts, error: last.error } : null,
    };
  }
}

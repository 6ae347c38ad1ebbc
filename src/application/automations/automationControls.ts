import type { Platform } from '../../domain/integration/integrationSettings.js';
import { DomainError, InvalidStateError, InvalidValueError } from '../../domain/shared/errors.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import type { ScheduledJob, Scheduler } from '../ports/scheduler.js';
import { AUTOMATION_RUNS_COLLECTION, type AutomationRunDocument } from '../projections/automationRunsProjection.js';
import { pagedList, type Page } from '../queries/pagedList.js';
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
  /** Milliseconds between runs; null for one-off automations. */
  intervalMs: number | null;
  enabled: boolean;
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
      const { retryNotBefore } = await runAutomation(deps, definition, run.key, run, typeof run.data.trigger === 'string' ? run.data.trigger : 'schedule');
      // A platform that is down is given time: the next run waits, the other automations go on.
      if (retryNotBefore) run.postponeNextRun(retryNotBefore);
    });
  }
}

/** The operator's controls over an integration's automations. */
export class AutomationControls {
  constructor(
    private readonly deps: ImportDependencies,
    private readonly scheduler: Scheduler,
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

  /** Sets the recurrence and enables the automation; a one-off automation has no recurrence. */
  async schedule(integrationId: string, platform: Platform, name: string, intervalMs?: number): Promise<void> {
    const definition = this.supported(name, platform);
    const interval = intervalMs ?? definition.defaultIntervalMs;
    if (interval === null) throw new InvalidValueError('intervalMs', `${definition.title} runs only when started`);
    if (interval < 1_000) throw new InvalidValueError('intervalMs', 'must be at least 1000 (1 second)');
    await this.scheduler.every(name, integrationId, interval, { integrationId });
  }

  async start(integrationId: string, platform: Platform, name: string, by: string): Promise<void> {
    const definition = this.supported(name, platform);
    if (definition.exclusiveStart && (await this.running(integrationId, name))) {
      throw new InvalidStateError(`${definition.title} is running already; wait for it to finish`);
    }
    const [job] = await this.scheduler.jobs({ name, key: integrationId });
    // A disabled automation must not run, not even by hand: say so instead of queueing a start that waits.
    if (job && !job.enabled) throw new InvalidStateError(`${definition.title} is disabled; enable it before starting it`);
    await this.scheduler.runNow(name, integrationId, { integrationId, trigger: by });
  }

  /** Asks a running run to end at its next safe point; false when none was running. */
  async stop(integrationId: string, name: string, by: string): Promise<number | undefined> {
    this.definition(name);
    return requestAutomationStop(this.deps, name, integrationId, by);
  }

  async enable(integrationId: string, platform: Platform, name: string): Promise<void> {
    this.supported(name, platform);
    if (!(await this.scheduler.enable(name, integrationId))) await this.schedule(integrationId, platform, name);
  }

  async disable(integrationId: string, name: string): Promise<void> {
    this.definition(name);
    await this.scheduler.disable(name, integrationId);
  }

  async remove(integrationId: string, name: string): Promise<boolean> {
    this.definition(name);
    return this.scheduler.remove(name, integrationId);
  }

  history(integrationId: string, name: string, page: { page: number; limit: number }): Promise<Page<AutomationRunDocument>> {
    this.definition(name);
    return pagedList<AutomationRunDocument>(
      this.deps.readModels,
      AUTOMATION_RUNS_COLLECTION,
      { where: { integrationId, automation: name }, orderBy: { field: 'startedAt', descending: true } },
      page,
    );
  }

  private async running(integrationId: string, name: string): Promise<boolean> {
    return (await this.deps.readModels.count(AUTOMATION_RUNS_COLLECTION, { integrationId, automation: name, status: 'running' })) > 0;
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
    return {
      name: definition.name,
      title: definition.title,
      supported: this.supports(platform, definition),
      intervalMs: job?.intervalMs ?? definition.defaultIntervalMs,
      enabled: job?.enabled ?? false,
      scheduled: job !== undefined,
      running: last?.status === 'running',
      nextRunAt: job?.enabled && job.nextRunAt ? job.nextRunAt.toISOString() : null,
      backingOffUntil: last?.retryNotBefore && Date.parse(last.retryNotBefore) > this.deps.clock().getTime() ? last.retryNotBefore : null,
      lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt, finishedAt: last.finishedAt, counts: last.counts, error: last.error } : null,
    };
  }
}

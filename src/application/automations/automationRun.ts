import { randomUUID } from 'node:crypto';
import { automationRunDecider, automationRunStream } from '../../domain/automation/automationRunDecider.js';
import { platformBackoffMs } from '../../domain/automation/platformBackoff.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import { automationActor, childChangeContext, withChangeContext } from '../context/changeContext.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { platformSaid, PlatformUnavailableError } from '../ports/platformClient.js';
import type { JobRun } from '../ports/scheduler.js';
import { AUTOMATION_RUNS_COLLECTION, type AutomationRunDocument } from '../projections/automationRunsProjection.js';
import type { AutomationDefinition } from './automationDefinition.js';
import { endedByStop, watchForStop } from './runStop.js';

/**
 * One run of an automation for one integration, recorded as its own stream: start, log lines, end with counts.
 * The scheduler never runs the same job twice at once, so a run still marked running when the next one starts
 * was cut short by a crash: it is closed as interrupted first, and the new run picks up from what the events say.
 */
export async function runAutomation(
  deps: ImportDependencies,
  definition: AutomationDefinition,
  integrationId: string,
  job: Pick<JobRun, 'touch' | 'signal'>,
  trigger = 'schedule',
): Promise<{ runId: string; retryNotBefore?: Date }> {
  const runId = randomUUID();
  // One correlation id per job run; what the run does is caused by its start event.
  const runContext = { actor: automationActor(definition.name), source: 'automation', correlationId: runId } as const;
  const started = await withChangeContext(childChangeContext({ ...runContext, causationId: null }), async () => {
    await closeInterruptedRuns(deps, definition.name, integrationId);
    return handleCommand(deps.store, automationRunDecider, automationRunStream(runId), {
      type: 'StartAutomationRun',
      data: { runId, integrationId, automation: definition.name, trigger, at: deps.clock().toISOString() },
    });
  });
  return withChangeContext(childChangeContext({ ...runContext, causationId: started.eventIds[0] }), () =>
    runStartedAutomation(deps, definition, integrationId, job, runId),
  );
}

async function runStartedAutomation(
  deps: ImportDependencies,
  definition: AutomationDefinition,
  integrationId: string,
  job: Pick<JobRun, 'touch' | 'signal'>,
  runId: string,
): Promise<{ runId: string; retryNotBefore?: Date }> {
  const stream = automationRunStream(runId);
  const now = () => deps.clock().toISOString();
  const log = async (level: 'info' | 'error', message: string) => {
    await handleCommand(deps.store, automationRunDecider, stream, { type: 'LogAutomationRun', data: { level, message, at: now() } });
  };
  const stopAsked = async () => (await deps.store.readStream(stream)).some((e) => e.type === 'AutomationStopRequested');
  const stop = watchForStop(stopAsked, job.signal);
  let outcome: 'succeeded' | 'failed' | 'stopped' = 'succeeded';
  let counts: Record<string, number> = {};
  let error: string | null = null;
  let retryNotBefore: Date | undefined;
  try {
    try {
      counts = await definition.run({ deps, integrationId, log, progress: (p) => job.touch(p), signal: stop.signal });
      // Asked to stop: it ended at a boundary, with what it had done by then.
      if (stop.signal.aborted) outcome = 'stopped';
    } catch (failure) {
      if (endedByStop(failure, stop.signal)) outcome = 'stopped';
      else {
        outcome = 'failed';
        error = failure instanceof Error ? failure.message : String(failure);
        deps.logger.warn({ runId, integrationId, automation: definition.name, error, ...platformSaid(failure) }, 'automation run failed');
        await log('error', error);
        if (failure instanceof PlatformUnavailableError) {
          const inARow = (await unavailableRunsInARow(deps, definition.name, integrationId)) + 1;
          retryNotBefore = new Date(deps.clock().getTime() + platformBackoffMs(inARow, failure.retryAfterMs));
          await log('error', `the platform was unavailable ${inARow} run(s) in a row; backing off until ${retryNotBefore.toISOString()}`);
        }
      }
    }
  } finally {
    stop.dispose();
  }
  if (outcome === 'stopped') await log('info', `stopped at a page boundary: ${JSON.stringify(counts)} done so far`);
  await handleCommand(deps.store, automationRunDecider, stream, {
    type: 'FinishAutomationRun',
    data: { outcome, counts, error, at: now(), retryNotBefore: retryNotBefore?.toISOString() ?? null },
  });
  return { runId, retryNotBefore };
}

/** How many of the latest finished runs in a row failed for want of the platform. */
async function unavailableRunsInARow(deps: ImportDependencies, automation: string, integrationId: string): Promise<number> {
  const latest = await deps.readModels.find<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, {
    where: { integrationId, automation },
    orderBy: { field: 'startedAt', descending: true },
    limit: 25,
  });
  const finished = latest.filter((run) => run.status !== 'running');
  const firstHealthy = finished.findIndex((run) => !run.retryNotBefore);
  return firstHealthy === -1 ? finished.length : firstHealthy;
}

async function closeInterruptedRuns(deps: ImportDependencies, automation: string, integrationId: string): Promise<void> {
  const stale = await deps.readModels.find<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, {
    where: { integrationId, automation, status: 'running' },
    limit: 20,
  });
  for (const run of stale) {
    const stream = automationRunStream(run.id);
    const state = await loadState(deps.store, automationRunDecider, stream);
    if (state.status !== 'running') continue;
    await handleCommand(deps.store, automationRunDecider, stream, {
      type: 'FinishAutomationRun',
      data: { outcome: 'failed', counts: {}, error: 'interrupted: the process running it stopped', at: deps.clock().toISOString(), retryNotBefore: null },
    });
  }
}

/** An operator's stop: the run ends at its next safe point. */
export async function requestAutomationStop(deps: ImportDependencies, automation: string, integrationId: string, by: string): Promise<number | undefined> {
  const [running] = await deps.readModels.find<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, {
    where: { integrationId, automation, status: 'running' },
    limit: 1,
  });
  if (!running) return undefined;
  const result = await handleCommand(deps.store, automationRunDecider, automationRunStream(running.id), {
    type: 'RequestAutomationStop',
    data: { by, at: deps.clock().toISOString() },
  });
  return result.position;
}

// One scheduling model for every automation: disabled, enabled (repeating every interval) or running, and the only
// ways from one to another.
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';

export interface AutomationSchedule {
  enabled: boolean;
  /** Milliseconds between runs; null for a one-off automation, which runs once each time it is enabled. */
  intervalMs: number | null;
  /** When the next run starts; null while disabled, and for a one-off automation that has run. */
  nextRunAt: string | null;
  /** When the run in progress started; null while none runs. */
  runningSince: string | null;
}

export type AutomationScheduleState = 'disabled' | 'enabled' | 'running';

export type ScheduleCommand =
  /** Enables it (with a new interval when given): a run is always planned. */
  | { type: 'Enable'; at: string; intervalMs?: number }
  /** No more runs until enabled again; a run in progress goes on (stopping it is another command). */
  | { type: 'Disable'; at: string }
  /** An operator's "run now": only an enabled automation, never a second run at once. */
  | { type: 'Start'; at: string }
  | { type: 'BeginRun'; at: string }
  /** `notBefore`: the platform asked for a pause (a back-off): the next run waits at least until then. */
  | { type: 'EndRun'; at: string; notBefore?: string | null };

/** What an automation nobody has enabled yet is: disabled, with its own default interval. */
export function neverConfigured(defaultIntervalMs: number | null): AutomationSchedule {
  return { enabled: false, intervalMs: defaultIntervalMs, nextRunAt: null, runningSince: null };
}

export function scheduleState(schedule: AutomationSchedule): AutomationScheduleState {
  if (schedule.runningSince !== null) return 'running';
  return schedule.enabled ? 'enabled' : 'disabled';
}

const after = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();
const later = (a: string, b: string | null | undefined) => (b && Date.parse(b) > Date.parse(a) ? b : a);

/** The schedule after the command; a command the state does not allow is refused with what to do instead. */
export function decideSchedule(schedule: AutomationSchedule, command: ScheduleCommand, title = 'The automation'): AutomationSchedule {
  const state = scheduleState(schedule);
  switch (command.type) {
    case 'Enable':
      return enable(schedule, command, title);
    case 'Disable':
      return { ...schedule, enabled: false, nextRunAt: null };
    case 'Start':
      if (schedule.intervalMs === null) throw new InvalidStateError(`${title} is not started by hand: enable it to run it once`);
      if (state === 'disabled') throw new InvalidStateError(`${title} is disabled; enable it before starting it (enable)`);
      if (state === 'running') throw new InvalidStateError(`${title} is running; start it again when this run has ended`);
      // Runs now; enabled and its interval stay as they were.
      return { ...schedule, nextRunAt: command.at };
    case 'BeginRun':
      if (state === 'disabled') throw new InvalidStateError(`${title} is disabled; it does not run`);
      if (state === 'running') throw new InvalidStateError(`${title} is running already`);
      return {
        ...schedule,
        runningSince: command.at,
        nextRunAt: schedule.intervalMs === null ? null : after(command.at, schedule.intervalMs),
      };
    case 'EndRun':
      if (state !== 'running') throw new InvalidStateError(`${title} has no run in progress`);
      // A one-off automation ran its once; one disabled meanwhile stays so.
      if (!schedule.enabled || schedule.intervalMs === null) return { ...schedule, enabled: false, nextRunAt: null, runningSince: null };
      return { ...schedule, runningSince: null, nextRunAt: later(schedule.nextRunAt ?? command.at, command.notBefore) };
  }
}

function enable(schedule: AutomationSchedule, command: Extract<ScheduleCommand, { type: 'Enable' }>, title: string): AutomationSchedule {
  const oneOff = schedule.intervalMs === null;
  if (oneOff && command.intervalMs !== undefined) throw new InvalidValueError('intervalMs', `${title} runs once each time it is enabled; it has no interval`);
  if (command.intervalMs !== undefined && !(Number.isSafeInteger(command.intervalMs) && command.intervalMs >= 1_000)) {
    throw new InvalidValueError('intervalMs', 'must be at least 1000 (1 second)');
  }
  if (oneOff) {
    if (scheduleState(schedule) === 'running') throw new InvalidStateError(`${title} is running; enable it again when this run has ended`);
    return { ...schedule, enabled: true, nextRunAt: command.at };
  }
  const intervalMs = command.intervalMs ?? schedule.intervalMs!;
  const planned = schedule.enabled ? schedule.nextRunAt : null;
  // A run already planned sooner than one new interval from now keeps its time: enabling again never delays it.
  const nextRunAt = planned && Date.parse(planned) <= Date.parse(command.at) + intervalMs ? planned : after(command.at, intervalMs);
  return { ...schedule, enabled: true, intervalMs, nextRunAt };
}

import { expect } from 'chai';
import {
  decideSchedule,
  neverConfigured,
  scheduleState,
  type AutomationSchedule,
  type ScheduleCommand,
} from '../../../src/domain/automation/automationSchedule.js';
import { InvalidStateError, InvalidValueError } from '../../../src/domain/shared/errors.js';

const at = '2026-11-01T10:00:00.000Z';
const MINUTE = 60_000;
const plus = (ms: number, from = at) => new Date(Date.parse(from) + ms).toISOString();

const disabled: AutomationSchedule = neverConfigured(5 * MINUTE);
const enabled: AutomationSchedule = { enabled: true, intervalMs: 5 * MINUTE, nextRunAt: plus(3 * MINUTE), runningSince: null };
const running: AutomationSchedule = { enabled: true, intervalMs: 5 * MINUTE, nextRunAt: plus(5 * MINUTE, plus(-MINUTE)), runningSince: plus(-MINUTE) };
const oneOff: AutomationSchedule = neverConfigured(null);

/** given(schedule).when(command).then(schedule | refusal): the automation's schedule read as a specification. */
const given = (schedule: AutomationSchedule) => ({
  when: (command: ScheduleCommand) => ({
    then: (expected: AutomationSchedule) => expect(decideSchedule(schedule, command, 'Import sales orders')).to.deep.equal(expected),
    thenRefused: (errorClass: typeof InvalidStateError | typeof InvalidValueError, message: RegExp) =>
      expect(() => decideSchedule(schedule, command, 'Import sales orders')).to.throw(errorClass, message),
  }),
});

describe('Automation schedule: disabled, enabled (every interval) or running', () => {
  describe('states', () => {
    it('given an automation never configured, then it is disabled with its default interval and no next run', () => {
      expect(disabled).to.deep.equal({ enabled: false, intervalMs: 5 * MINUTE, nextRunAt: null, runningSince: null });
      expect(scheduleState(disabled)).to.equal('disabled');
      expect(scheduleState(enabled)).to.equal('enabled');
      expect(scheduleState(running)).to.equal('running');
      expect(scheduleState({ ...running, enabled: false })).to.equal('running');
    });
  });

  describe('enable', () => {
    it('given a disabled automation, when enabled, then it is enabled and its first run is one interval away', () => {
      given(disabled).when({ type: 'Enable', at }).then({ ...disabled, enabled: true, nextRunAt: plus(5 * MINUTE) });
    });

    it('given a disabled automation, when enabled with an interval, then that interval, first run one such interval away', () => {
      given(disabled).when({ type: 'Enable', at, intervalMs: MINUTE }).then({ enabled: true, intervalMs: MINUTE, nextRunAt: plus(MINUTE), runningSince: null });
    });

    it('given an enabled automation whose run was planned sooner, when enabled again, then its next run keeps its time', () => {
      given(enabled).when({ type: 'Enable', at }).then(enabled);
    });

    it('given an enabled automation, when given a shorter interval, then the next run comes one new interval from now', () => {
      given(enabled).when({ type: 'Enable', at, intervalMs: MINUTE }).then({ ...enabled, intervalMs: MINUTE, nextRunAt: plus(MINUTE) });
    });

    it('given an enabled automation that lost its next run, when enabled, then a next run is set again', () => {
      given({ ...enabled, nextRunAt: null }).when({ type: 'Enable', at }).then({ ...enabled, nextRunAt: plus(5 * MINUTE) });
    });

    it('given a running automation disabled meanwhile, when enabled, then it stays running and a next run is planned', () => {
      given({ ...running, enabled: false, nextRunAt: null }).when({ type: 'Enable', at }).then({ ...running, nextRunAt: plus(5 * MINUTE) });
    });

    it('given an interval under a second, then it is refused naming intervalMs', () => {
      given(disabled).when({ type: 'Enable', at, intervalMs: 5 }).thenRefused(InvalidValueError, /intervalMs: must be at least 1000/);
    });

    it('given a one-off automation, when enabled, then it runs once now; an interval is refused', () => {
      given(oneOff).when({ type: 'Enable', at }).then({ ...oneOff, enabled: true, nextRunAt: at });
      given(oneOff).when({ type: 'Enable', at, intervalMs: MINUTE }).thenRefused(InvalidValueError, /runs once each time it is enabled/);
    });

    it('given a one-off automation running, when enabled again, then that is refused until the run has ended', () => {
      given({ ...oneOff, enabled: true, runningSince: at }).when({ type: 'Enable', at }).thenRefused(InvalidStateError, /is running/);
    });
  });

  describe('disable', () => {
    it('given an enabled automation, when disabled, then it is disabled and has no next run; its interval is kept', () => {
      given(enabled).when({ type: 'Disable', at }).then({ ...enabled, enabled: false, nextRunAt: null });
    });

    it('given a disabled automation, when disabled, then nothing changes', () => {
      given(disabled).when({ type: 'Disable', at }).then(disabled);
    });

    it('given a running automation, when disabled, then the run goes on and no next run is planned', () => {
      given(running).when({ type: 'Disable', at }).then({ ...running, enabled: false, nextRunAt: null });
    });
  });

  describe('start', () => {
    it('given an enabled automation, when started, then it runs now and stays enabled with its interval', () => {
      given(enabled).when({ type: 'Start', at }).then({ ...enabled, nextRunAt: at });
    });

    it('given a disabled (or never configured) automation, when started, then that is refused naming enable', () => {
      given(disabled).when({ type: 'Start', at }).thenRefused(InvalidStateError, /is disabled; enable it before starting it \(enable\)/);
    });

    it('given a running automation, when started, then that is refused: never two runs at once', () => {
      given(running).when({ type: 'Start', at }).thenRefused(InvalidStateError, /is running; start it again when this run has ended/);
    });

    it('given a one-off automation, when started, then that is refused: it runs by being enabled', () => {
      given({ ...oneOff, enabled: true, nextRunAt: at }).when({ type: 'Start', at }).thenRefused(InvalidStateError, /enable it to run it once/);
    });
  });

  describe('runs', () => {
    it('given an enabled automation due, when its run begins, then it is running and its next run is one interval after this start', () => {
      given({ ...enabled, nextRunAt: at }).when({ type: 'BeginRun', at }).then({ ...enabled, nextRunAt: plus(5 * MINUTE), runningSince: at });
    });

    it('given a disabled automation, when a run would begin, then that is refused', () => {
      given(disabled).when({ type: 'BeginRun', at }).thenRefused(InvalidStateError, /disabled; it does not run/);
    });

    it('given a running automation, when another run would begin, then that is refused', () => {
      given(running).when({ type: 'BeginRun', at }).thenRefused(InvalidStateError, /running already/);
    });

    it('given a running automation, when its run ends, then it is enabled with the next run planned at its start', () => {
      given(running).when({ type: 'EndRun', at }).then({ ...running, runningSince: null });
    });

    it('given a running automation whose platform asked for a pause, when its run ends, then the next run waits until then', () => {
      given(running).when({ type: 'EndRun', at, notBefore: plus(30 * MINUTE) }).then({ ...running, runningSince: null, nextRunAt: plus(30 * MINUTE) });
    });

    it('given a running automation disabled meanwhile, when its run ends, then it is disabled with no next run', () => {
      given({ ...running, enabled: false, nextRunAt: null }).when({ type: 'EndRun', at }).then({ ...running, enabled: false, nextRunAt: null, runningSince: null });
    });

    it('given a one-off automation running, when its run ends, then it is disabled again', () => {
      given({ ...oneOff, enabled: true, runningSince: at }).when({ type: 'EndRun', at }).then(oneOff);
    });

    it('given no run in progress, when a run would end, then that is refused', () => {
      given(enabled).when({ type: 'EndRun', at }).thenRefused(InvalidStateError, /no run in progress/);
    });
  });
});

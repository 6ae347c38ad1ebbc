import { automationRunDecider } from '../../../src/domain/automation/automationRunDecider.js';
import type { AutomationRunEvent } from '../../../src/domain/automation/automationRunEvents.js';
import { InvalidStateError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';

const spec = DeciderSpecification.for(automationRunDecider);
const at = '2026-11-01T10:00:00.000Z';
const later = '2026-11-01T10:05:00.000Z';
const started: AutomationRunEvent = {
  type: 'AutomationRunStarted',
  data: { runId: 'r1', integrationId: 'i1', automation: 'status-push', trigger: 'schedule', startedAt: at },
};
const stopRequested: AutomationRunEvent = { type: 'AutomationStopRequested', data: { by: 'token:t-1', at: later } };
const finish = (outcome: 'succeeded' | 'failed' | 'stopped', retryNotBefore: string | null = null) => ({
  type: 'FinishAutomationRun' as const,
  data: { outcome, counts: { pushed: 2 }, error: outcome === 'failed' ? 'KeyCRM answered 503' : null, at: later, retryNotBefore },
});
const finished: AutomationRunEvent = {
  type: 'AutomationRunFinished',
  data: { integrationId: 'i1', automation: 'status-push', outcome: 'succeeded', counts: { pushed: 2 }, error: null, finishedAt: later, retryNotBefore: null },
};

describe('Automation run: started once, logged and stopped while running, finished once', () => {
  describe('starting', () => {
    it('given no run, when it is started, then AutomationRunStarted with its trigger and time', () => {
      spec
        .given([])
        .when({ type: 'StartAutomationRun', data: { runId: 'r1', integrationId: 'i1', automation: 'status-push', trigger: 'schedule', at } })
        .then([started]);
    });

    it('given a run started, when it is started again, then that is refused (a job run twice does not start two runs)', () => {
      spec
        .given([started])
        .when({ type: 'StartAutomationRun', data: { runId: 'r1', integrationId: 'i1', automation: 'status-push', trigger: 'manual', at } })
        .thenThrows(InvalidStateError, /started already/);
    });

    it('given a run ended, when it is started again, then that is refused', () => {
      spec
        .given([started, finished])
        .when({ type: 'StartAutomationRun', data: { runId: 'r1', integrationId: 'i1', automation: 'status-push', trigger: 'manual', at } })
        .thenThrows(InvalidStateError, /started already/);
    });
  });

  describe('logging', () => {
    it('given a running run, when a line is logged, then AutomationRunLogged keeps its level and message', () => {
      spec
        .given([started])
        .when({ type: 'LogAutomationRun', data: { level: 'error', message: 'order 7: KeyCRM answered 422', at: later } })
        .then([{ type: 'AutomationRunLogged', data: { level: 'error', message: 'order 7: KeyCRM answered 422', at: later } }]);
    });

    it('given a running run, when a very long line is logged, then the first 2000 characters are kept', () => {
      spec
        .given([started])
        .when({ type: 'LogAutomationRun', data: { level: 'info', message: 'x'.repeat(5_000), at: later } })
        .then([{ type: 'AutomationRunLogged', data: { level: 'info', message: 'x'.repeat(2_000), at: later } }]);
    });

    it('given no run, when a line is logged, then that is refused: the run was not started', () => {
      spec.given([]).when({ type: 'LogAutomationRun', data: { level: 'info', message: 'x', at } }).thenThrows(InvalidStateError, /not started/);
    });

    it('given a run ended, when a line is logged, then that is refused: the run has ended', () => {
      spec.given([started, finished]).when({ type: 'LogAutomationRun', data: { level: 'info', message: 'x', at } }).thenThrows(InvalidStateError, /has ended/);
    });
  });

  describe('stopping', () => {
    it('given a running run, when a stop is requested, then AutomationStopRequested says by whom', () => {
      spec.given([started]).when({ type: 'RequestAutomationStop', data: { by: 'token:t-1', at: later } }).then([stopRequested]);
    });

    it('given a stop requested, when it is requested again, then nothing happens', () => {
      spec.given([started, stopRequested]).when({ type: 'RequestAutomationStop', data: { by: 'token:t-2', at: later } }).thenNothing();
    });

    it('given a run ended, when a stop is requested, then that is refused', () => {
      spec.given([started, finished]).when({ type: 'RequestAutomationStop', data: { by: 'token:t-1', at: later } }).thenThrows(InvalidStateError, /has ended/);
    });

    it('given no run, when a stop is requested, then that is refused', () => {
      spec.given([]).when({ type: 'RequestAutomationStop', data: { by: 'token:t-1', at } }).thenThrows(InvalidStateError, /not started/);
    });
  });

  describe('finishing', () => {
    it('given a running run, when it finishes, then AutomationRunFinished names its integration and automation', () => {
      spec.given([started]).when(finish('succeeded')).then([finished]);
    });

    it('given a stop requested, when the run finishes stopped, then the outcome is stopped', () => {
      spec
        .given([started, stopRequested])
        .when(finish('stopped'))
        .then([{ type: 'AutomationRunFinished', data: { ...finished.data, outcome: 'stopped' } as Extract<AutomationRunEvent, { type: 'AutomationRunFinished' }>['data'] }]);
    });

    it('given the platform unavailable, when the run finishes failed, then the error and the back-off time are kept', () => {
      spec
        .given([started])
        .when(finish('failed', '2026-11-01T10:35:00.000Z'))
        .then([
          {
            type: 'AutomationRunFinished',
            data: { ...finished.data, outcome: 'failed', error: 'KeyCRM answered 503', retryNotBefore: '2026-11-01T10:35:00.000Z' },
          },
        ]);
    });

    it('given a run ended, when it finishes again, then that is refused (a run finishes once)', () => {
      spec.given([started, finished]).when(finish('succeeded')).thenThrows(InvalidStateError, /has ended/);
    });

    it('given no run, when it finishes, then that is refused', () => {
      spec.given([]).when(finish('succeeded')).thenThrows(InvalidStateError, /not started/);
    });
  });
});

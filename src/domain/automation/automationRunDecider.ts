import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError } from '../shared/errors.js';
import type { AutomationRunEvent } from './automationRunEvents.js';

export type AutomationRunState =
  | { status: 'none' }
  | { status: 'running' | 'ended'; integrationId: string; automation: string; stopRequested: boolean };

export type StartAutomationRun = DomainCommand<
  'StartAutomationRun',
  { runId: string; integrationId: string; automation: string; trigger: string; at: string }
>;
export type LogAutomationRun = DomainCommand<'LogAutomationRun', { level: 'info' | 'error'; message: string; at: string }>;
export type RequestAutomationStop = DomainCommand<'RequestAutomationStop', { by: string; at: string }>;
export type FinishAutomationRun = DomainCommand<
  'FinishAutomationRun',
  { outcome: 'succeeded' | 'failed' | 'stopped'; counts: Record<string, number>; error: string | null; at: string; retryNotBefore: string | null }
>;

export type AutomationRunCommand = StartAutomationRun | LogAutomationRun | RequestAutomationStop | FinishAutomationRun;

function running(state: AutomationRunState) {
  if (state.status !== 'running') throw new InvalidStateError(state.status === 'none' ? 'The run was not started' : 'The run has ended');
  return state;
}

export const automationRunDecider: Decider<AutomationRunState, AutomationRunCommand, AutomationRunEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'StartAutomationRun': {
        if (state.status !== 'none') throw new InvalidStateError('The run was started already');
        const { at, ...data } = command.data;
        return [{ type: 'AutomationRunStarted', data: { ...data, startedAt: at } }];
      }
      case 'LogAutomationRun':
        running(state);
        return [{ type: 'AutomationRunLogged', data: { ...command.data, message: command.data.message.slice(0, 2000) } }];
      case 'RequestAutomationStop':
        return running(state).stopRequested ? [] : [{ type: 'AutomationStopRequested', data: command.data }];
      case 'FinishAutomationRun': {
        const { integrationId, automation } = running(state);
        const { at, ...data } = command.data;
        return [{ type: 'AutomationRunFinished', data: { integrationId, automation, ...data, finishedAt: at } }];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'AutomationRunStarted':
        return { status: 'running', integrationId: event.data.integrationId, automation: event.data.automation, stopRequested: false };
      case 'AutomationStopRequested':
        return state.status === 'none' ? state : { ...state, stopRequested: true };
      case 'AutomationRunFinished':
        return state.status === 'none' ? state : { ...state, status: 'ended' };
      default:
        return state;
    }
  },
};

export const automationRunStream = (runId: string) => `automationrun-${runId}`;

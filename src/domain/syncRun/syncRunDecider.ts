import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError } from '../shared/errors.js';
import type { OrderOutcomeRecord, RunOwner, SyncCounts, SyncRunEvent } from './syncRunEvents.js';

export type SyncRunState =
  | { status: 'none' }
  | { status: 'running' | 'receiving' | 'succeeded' | 'failed' | 'stopped'; runId: string; integrationId: string; counts: SyncCounts; error: string | null };

export type StartSyncRun = DomainCommand<
  'StartSyncRun',
  { runId: string; integrationId: string; trigger: string; window: { from: string; to: string }; at: string; kind?: 'webhook-intake'; owner?: RunOwner }
>;
export type RecordOutcomes = DomainCommand<'RecordOutcomes', { outcomes: OrderOutcomeRecord[] }>;
export type FinishSyncRun = DomainCommand<'FinishSyncRun', { at: string }>;
export type FailSyncRun = DomainCommand<'FailSyncRun', { error: string; at: string }>;
export type StopSyncRun = DomainCommand<'StopSyncRun', { at: string }>;

export type SyncRunCommand = StartSyncRun | RecordOutcomes | FinishSyncRun | FailSyncRun | StopSyncRun;

export const emptyCounts = (): SyncCounts => ({ imported: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });

/** A run taking outcomes: one reading the platform, or a day's webhook intake while the day lasts. */
function running(state: SyncRunState): SyncRunState & { status: 'running' | 'receiving' } {
  if (state.status !== 'running' && state.status !== 'receiving') {
    throw new InvalidStateError(state.status === 'none' ? 'The sync run was not started' : `The sync run has ${state.status} already`);
  }
  return state as SyncRunState & { status: 'running' | 'receiving' };
}

export const syncRunDecider: Decider<SyncRunState, SyncRunCommand, SyncRunEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'StartSyncRun': {
        if (state.status !== 'none') throw new InvalidStateError('The sync run was started already');
        const { at, ...data } = command.data;
        return [{ type: 'SyncRunStarted', data: { ...data, startedAt: at } }];
      }
      case 'RecordOutcomes':
        running(state);
        return command.data.outcomes.length === 0 ? [] : [{ type: 'SyncRunOrdersProcessed', data: command.data }];
      case 'FinishSyncRun': {
        const { integrationId, counts } = running(state);
        return [{ type: 'SyncRunFinished', data: { integrationId, counts, finishedAt: command.data.at } }];
      }
      case 'FailSyncRun': {
        const { integrationId, counts } = running(state);
        return [{ type: 'SyncRunFailed', data: { integrationId, error: command.data.error, counts, failedAt: command.data.at } }];
      }
      case 'StopSyncRun': {
        const { integrationId, counts } = running(state);
        return [{ type: 'SyncRunStopped', data: { integrationId, counts, stoppedAt: command.data.at } }];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SyncRunStarted':
        return { status: event.data.kind === 'webhook-intake' ? 'receiving' : 'running', runId: event.data.runId, integrationId: event.data.integrationId, counts: emptyCounts(), error: null };
      case 'SyncRunOrdersProcessed': {
        if (state.status === 'none') return state;
        const counts = { ...state.counts };
        for (const outcome of event.data.outcomes) counts[outcome.outcome] += 1;
        return { ...state, counts };
      }
      case 'SyncRunFinished':
        return state.status === 'none' ? state : { ...state, status: 'succeeded' };
      case 'SyncRunFailed':
        return state.status === 'none' ? state : { ...state, status: 'failed', error: event.data.error };
      case 'SyncRunStopped':
        return state.status === 'none' ? state : { ...state, status: 'stopped' };
    }
  },
};

export const syncRunStream = (runId: string) => `syncrun-${runId}`;

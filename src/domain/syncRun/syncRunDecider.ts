import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError } from '../shared/errors.js';
import type { OrderOutcomeRecord, RunOwner, SyncCounts, SyncRunEvent } from './syncRunEvents.js';

export type SyncRunState =
  | { status: 'none' }
  | { status: 'running' | 'succeeded' | 'failed'; runId: string; integrationId: string; counts: SyncCounts; error: string | null };

export type StartSyncRun = DomainCommand<
  'StartSyncRun',
  { runId: string; integrationId: string; trigger: string; window: { from: string; to: string }; at: string; owner?: RunOwner }
>;
export type RecordOutcomes = DomainCommand<'RecordOutcomes', { outcomes: OrderOutcomeRecord[] }>;
export type FinishSyncRun = DomainCommand<'FinishSyncRun', { at: string }>;
export type FailSyncRun = DomainCommand<'FailSyncRun', { error: string; at: string }>;

export type SyncRunCommand = StartSyncRun | RecordOutcomes | FinishSyncRun | FailSyncRun;

export const emptyCounts = (): SyncCounts => ({ imported: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });

function running(state: SyncRunState): SyncRunState & { status: 'running' } {
  if (state.status !== 'running') {
    throw new InvalidStateError(state.status === 'none' ? 'The sync run was not started' : `The sync run has ${state.status} already`);
  }
  return state as SyncRunState & { status: 'running' };
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
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SyncRunStarted':
        return { status: 'running', runId: event.data.runId, integrationId: event.data.integrationId, counts: emptyCounts(), error: null };
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
    }
  },
};

export const syncRunStream = (runId: string) => `syncrun-${runId}`;

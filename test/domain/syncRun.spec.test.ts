import { syncRunDecider } from '../../src/domain/syncRun/syncRunDecider.js';
import type { SyncRunEvent } from '../../src/domain/syncRun/syncRunEvents.js';
import { InvalidStateError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';

const spec = DeciderSpecification.for(syncRunDecider);
const at = '2026-11-01T10:00:00.000Z';
const window = { from: '2026-10-02T10:00:00.000Z', to: at };
const started: SyncRunEvent = {
  type: 'SyncRunStarted',
  data: { runId: 'r1', integrationId: 'i1', trigger: 'api', window, startedAt: at },
};
const page: SyncRunEvent = {
  type: 'SyncRunOrdersProcessed',
  data: {
    outcomes: [
      { externalId: '1', outcome: 'imported', orderId: 'o1' },
      { externalId: '2', outcome: 'rejected', reason: 'currency USD is not the store currency UAH' },
    ],
  },
};

describe('Sync run (the integration report)', () => {
  it('given outcomes recorded, when the run finishes, then it carries the counts of each outcome', () => {
    spec
      .given([started, page])
      .when({ type: 'FinishSyncRun', data: { at } })
      .then([{ type: 'SyncRunFinished', data: { integrationId: 'i1', counts: { imported: 1, updated: 0, unchanged: 0, rejected: 1, skipped: 0 }, finishedAt: at } }]);
  });

  it('given a running run, when it fails, then the error and the counts so far are kept', () => {
    spec
      .given([started, page])
      .when({ type: 'FailSyncRun', data: { error: 'KeyCRM answered 503 five times', at } })
      .then([
        {
          type: 'SyncRunFailed',
          data: { integrationId: 'i1', error: 'KeyCRM answered 503 five times', counts: { imported: 1, updated: 0, unchanged: 0, rejected: 1, skipped: 0 }, failedAt: at },
        },
      ]);
  });

  it('given a running run, when it is stopped, then SyncRunStopped keeps the counts so far; a stopped run takes no more outcomes', () => {
    const stopped: SyncRunEvent = { type: 'SyncRunStopped', data: { integrationId: 'i1', counts: { imported: 1, updated: 0, unchanged: 0, rejected: 1, skipped: 0 }, stoppedAt: at } };
    spec.given([started, page]).when({ type: 'StopSyncRun', data: { at } }).then([stopped]);
    spec.given([started, page, stopped]).when({ type: 'RecordOutcomes', data: { outcomes: [] } }).thenThrows(InvalidStateError, /stopped/);
    spec.given([started, page, stopped]).when({ type: 'StopSyncRun', data: { at } }).thenThrows(InvalidStateError);
  });

  it('given a finished run, when outcomes are recorded, then that is refused', () => {
    const finished: SyncRunEvent = { type: 'SyncRunFinished', data: { integrationId: 'i1', counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 }, finishedAt: at } };
    spec.given([started, finished]).when({ type: 'RecordOutcomes', data: { outcomes: [] } }).thenThrows(InvalidStateError, /succeeded/);
  });

  it('given a run, when it is started again, then that is refused', () => {
    spec.given([started]).when({ type: 'StartSyncRun', data: { runId: 'r1', integrationId: 'i1', trigger: 'api', window, at } }).thenThrows(InvalidStateError);
  });
});

import type { AutomationRunEvent } from '../../domain/automation/automationRunEvents.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const AUTOMATION_RUNS_COLLECTION = 'automation_runs';

/** The schedule history of an automation: one document per run, with its log. */
export interface AutomationRunDocument extends Record<string, unknown> {
  id: string;
  integrationId: string;
  automation: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed' | 'stopped';
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
  /** Set on a run that failed because the platform was unavailable: the next one waits until then. */
  retryNotBefore: string | null;
  stopRequested: boolean;
  log: { at: string; level: 'info' | 'error'; message: string }[];
  version: number;
}


export const automationRunsProjection: Projection = {
  name: 'automation_runs',
  collections: [AUTOMATION_RUNS_COLLECTION],
  handles: new Set<AutomationRunEvent['type']>(['AutomationRunStarted', 'AutomationRunLogged', 'AutomationStopRequested', 'AutomationRunFinished']),

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as AutomationRunEvent;
    const id = streamId(recorded.streamName);
    const version = recorded.version;
    if (event.type === 'AutomationRunStarted') {
      const { integrationId, automation, trigger, startedAt } = event.data;
      const doc: AutomationRunDocument = {
        id, integrationId, automation, trigger, status: 'running', startedAt, finishedAt: null, counts: {}, error: null, retryNotBefore: null, stopRequested: false, log: [], version,
      };
      return tx.put(AUTOMATION_RUNS_COLLECTION, id, doc);
    }
    const doc = await tx.get<AutomationRunDocument>(AUTOMATION_RUNS_COLLECTION, id);
    if (!doc || version <= doc.version) return;
    switch (event.type) {
      case 'AutomationRunLogged':
        return tx.put(AUTOMATION_RUNS_COLLECTION, id, { ...doc, log: [...doc.log, event.data], version });
      case 'AutomationStopRequested':
        return tx.put(AUTOMATION_RUNS_COLLECTION, id, { ...doc, stopRequested: true, version });
      case 'AutomationRunFinished': {
        const { outcome, counts, error, finishedAt, retryNotBefore } = event.data;
        return tx.put(AUTOMATION_RUNS_COLLECTION, id, { ...doc, status: outcome, counts, error, finishedAt, retryNotBefore, version });
      }
    }
  },
};

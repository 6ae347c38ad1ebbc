import type { IntegrationEvent } from '../../domain/integration/integrationEvents.js';
import type { IntegrationSettings, Platform } from '../../domain/integration/integrationSettings.js';
import type { SyncRunEvent } from '../../domain/syncRun/syncRunEvents.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const INTEGRATIONS_COLLECTION = 'integrations';

/** What the API shows of an integration: settings, never credentials, only whether there are some. */
export interface IntegrationDocument extends IntegrationSettings, Record<string, unknown> {
  id: string;
  platform: Platform;
  hasCredentials: boolean;
  credentialsChangedAt: string | null;
  /** Platform statuses created locally because nobody mapped them yet. */
  discoveredStatuses: { platform: string; local: string; discoveredAt: string }[];
  importCursor: string | null;
  lastExchange: { runId: string; at: string; outcome: 'succeeded' | 'failed' | 'stopped'; error: string | null } | null;
  connectedAt: string;
  updatedAt: string;
  version: number;
}


export const integrationsProjection: Projection = {
  name: 'integrations',
  collections: [INTEGRATIONS_COLLECTION],
  handles: new Set<string>([
    'IntegrationConnected',
    'IntegrationSettingsChanged',
    'IntegrationCredentialsChanged',
    'PlatformStatusDiscovered',
    'ImportCursorAdvanced',
    'SyncRunFinished',
    'SyncRunFailed',
    'SyncRunStopped',
  ]),

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as IntegrationEvent | SyncRunEvent;
    if (event.type === 'SyncRunFinished' || event.type === 'SyncRunFailed' || event.type === 'SyncRunStopped') {
      // The last exchange is the run that ended last; a replayed older run does not overwrite it.
      const doc = await tx.get<IntegrationDocument>(INTEGRATIONS_COLLECTION, event.data.integrationId);
      if (!doc) return;
      const at = event.type === 'SyncRunFinished' ? event.data.finishedAt : event.type === 'SyncRunFailed' ? event.data.failedAt : event.data.stoppedAt;
      if (doc.lastExchange && doc.lastExchange.at > at) return;
      const lastExchange = {
        runId: streamId(recorded.streamName),
        at,
        outcome: event.type === 'SyncRunFinished' ? ('succeeded' as const) : event.type === 'SyncRunFailed' ? ('failed' as const) : ('stopped' as const),
        error: event.type === 'SyncRunFailed' ? event.data.error : null,
      };
      return tx.put(INTEGRATIONS_COLLECTION, doc.id, { ...doc, lastExchange });
    }
    const id = streamId(recorded.streamName);
    if (event.type === 'IntegrationConnected') {
      const doc: IntegrationDocument = {
        id,
        platform: event.data.platform,
        ...event.data.settings,
        hasCredentials: false,
        credentialsChangedAt: null,
        discoveredStatuses: [],
        importCursor: null,
        lastExchange: null,
        connectedAt: event.data.connectedAt,
        updatedAt: event.data.connectedAt,
        version: recorded.version,
      };
      return tx.put(INTEGRATIONS_COLLECTION, id, doc);
    }
    const doc = await tx.get<IntegrationDocument>(INTEGRATIONS_COLLECTION, id);
    if (!doc || recorded.version <= doc.version) return;
    const next = { ...doc, version: recorded.version };
    switch (event.type) {
      case 'IntegrationSettingsChanged':
        Object.assign(next, event.data.changes, { updatedAt: event.data.changedAt });
        break;
      case 'IntegrationCredentialsChanged':
        Object.assign(next, { hasCredentials: true, credentialsChangedAt: event.data.changedAt });
        break;
      case 'PlatformStatusDiscovered':
        next.discoveredStatuses = [
          ...doc.discoveredStatuses,
          { platform: event.data.platformStatus, local: event.data.localStatus, discoveredAt: event.data.discoveredAt },
        ];
        break;
      case 'ImportCursorAdvanced':
        next.importCursor = event.data.updatedUpTo;
        break;
    }
    return tx.put(INTEGRATIONS_COLLECTION, id, next);
  },
};

import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError } from '../shared/errors.js';
import { sameValue } from '../shared/sameValue.js';
import { assertText } from '../shared/text.js';
import type { IntegrationEvent } from './integrationEvents.js';
import { credentialsFollowOrigin } from './credentialOrigin.js';
import { validateSettings, type IntegrationSettings, type Platform } from './integrationSettings.js';
import { assertKnownStatuses } from './statusReferences.js';

export type IntegrationState =
  | { exists: false }
  | {
      exists: true;
      integrationId: string;
      platform: Platform;
      settings: IntegrationSettings;
      sealedCredentials: string | null;
      /** Platform status → the local status created for it, for statuses nobody has mapped. */
      discoveredStatuses: Record<string, string>;
      cursor: string | null;
    };

export type ConnectIntegration = DomainCommand<
  'ConnectIntegration',
  { integrationId: string; platform: Platform; settings: IntegrationSettings; sealedCredentials: string; at: string }
>;
/** A change of the connection profile; credentials given with it are replaced in the same append. */
export type ChangeSettings = DomainCommand<'ChangeSettings', { changes: Partial<IntegrationSettings>; sealedCredentials?: string; at: string }>;
export type DiscoverPlatformStatus = DomainCommand<
  'DiscoverPlatformStatus',
  { platformStatus: string; localStatus: string; at: string }
>;
export type AdvanceImportCursor = DomainCommand<'AdvanceImportCursor', { updatedUpTo: string; runId: string }>;

export type IntegrationCommand =
  | ConnectIntegration
  | ChangeSettings
  | DiscoverPlatformStatus
  | AdvanceImportCursor;

function existing(state: IntegrationState): IntegrationState & { exists: true } {
  if (!state.exists) throw new InvalidStateError('The integration does not exist');
  return state;
}

export const integrationDecider: Decider<IntegrationState, IntegrationCommand, IntegrationEvent> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'ConnectIntegration': {
        if (state.exists) throw new InvalidStateError(`Integration ${state.integrationId} exists already`);
        const { integrationId, platform, settings, sealedCredentials, at } = command.data;
        // Which platforms exist is the adapters' registry's to say; the application checks it before this.
        assertText('platform', platform, { required: true, max: 100 });
        validateSettings(settings);
        assertKnownStatuses(settings);
        return [
          { type: 'IntegrationConnected', data: { integrationId, platform, settings, connectedAt: at } },
          { type: 'IntegrationCredentialsChanged', data: { sealed: sealedCredentials, changedAt: at } },
        ];
      }
      case 'ChangeSettings': {
        const integration = existing(state);
        const { sealedCredentials, at } = command.data;
        validateSettings(command.data.changes);
        const credentialsReplaced = credentialsFollowOrigin(integration.settings.baseUrl, command.data.changes.baseUrl, sealedCredentials !== undefined);
        const changes: Partial<IntegrationSettings> = {};
        for (const [key, value] of Object.entries(command.data.changes) as [keyof IntegrationSettings, never][]) {
          if (value !== undefined && !sameValue(value, integration.settings[key])) changes[key] = value;
        }
        // A change of the map or of a setting naming statuses is checked as the settings will then be.
        if (changes.statusMap || changes.pendingPayment || changes.regressionGuard) {
          assertKnownStatuses({ ...integration.settings, ...changes }, integration.discoveredStatuses);
        }
        // Settings and credentials of one change are one append: both or neither.
        const events: IntegrationEvent[] = [];
        if (Object.keys(changes).length > 0) {
          events.push({ type: 'IntegrationSettingsChanged', data: { changes, changedAt: at, ...(credentialsReplaced ? { credentialsReplaced: true as const } : {}) } });
        }
        if (sealedCredentials !== undefined) events.push({ type: 'IntegrationCredentialsChanged', data: { sealed: sealedCredentials, changedAt: at } });
        return events;
      }
      case 'DiscoverPlatformStatus': {
        const integration = existing(state);
        const { platformStatus, localStatus, at } = command.data;
        assertText('platformStatus', platformStatus, { required: true, max: 100 });
        assertText('localStatus', localStatus, { required: true, max: 100 });
        const mapped = integration.settings.statusMap.some((entry) => entry.platform === platformStatus);
        if (mapped || platformStatus in integration.discoveredStatuses) return [];
        return [{ type: 'PlatformStatusDiscovered', data: { platformStatus, localStatus, discoveredAt: at } }];
      }
      case 'AdvanceImportCursor': {
        const integration = existing(state);
        if (integration.cursor && Date.parse(integration.cursor) >= Date.parse(command.data.updatedUpTo)) return [];
        return [{ type: 'ImportCursorAdvanced', data: command.data }];
      }
    }
  },
  evolve(state, event) {
    if (event.type === 'IntegrationConnected') {
      const { integrationId, platform, settings } = event.data;
      return { exists: true, integrationId, platform, settings, sealedCredentials: null, discoveredStatuses: {}, cursor: null };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'IntegrationSettingsChanged':
        return { ...state, settings: { ...state.settings, ...event.data.changes } };
      case 'IntegrationCredentialsChanged':
        return { ...state, sealedCredentials: event.data.sealed };
      case 'PlatformStatusDiscovered':
        return {
          ...state,
          discoveredStatuses: { ...state.discoveredStatuses, [event.data.platformStatus]: event.data.localStatus },
        };
      case 'ImportCursorAdvanced':
        return { ...state, cursor: event.data.updatedUpTo };
    }
  },
};

export const integrationStream = (integrationId: string) => `integration-${integrationId}`;

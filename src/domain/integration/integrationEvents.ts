import type { DomainEvent } from '../shared/decider.js';
import type { IntegrationSettings, Platform } from './integrationSettings.js';

export type IntegrationConnected = DomainEvent<
  'IntegrationConnected',
  { integrationId: string; platform: Platform; settings: IntegrationSettings; connectedAt: string }
>;
/** Only the settings that changed; `credentialsReplaced` when new credentials came with them (their value is never here). */
export type IntegrationSettingsChanged = DomainEvent<
  'IntegrationSettingsChanged',
  { changes: Partial<IntegrationSettings>; changedAt: string; credentialsReplaced?: true }
>;
/** The credentials, sealed by the Secrets port: the domain never sees them in the clear. */
export type IntegrationCredentialsChanged = DomainEvent<'IntegrationCredentialsChanged', { sealed: string; changedAt: string }>;
/** A platform status nobody mapped: created as a local status of the same name and reported until an admin maps it. */
export type PlatformStatusDiscovered = DomainEvent<
  'PlatformStatusDiscovered',
  { platformStatus: string; localStatus: string; discoveredAt: string }
>;
/** Later imports continue from here; moved only by a run that finished. */
export type ImportCursorAdvanced = DomainEvent<'ImportCursorAdvanced', { updatedUpTo: string; runId: string }>;

export type IntegrationEvent =
  | IntegrationConnected
  | IntegrationSettingsChanged
  | IntegrationCredentialsChanged
  | PlatformStatusDiscovered
  | ImportCursorAdvanced;

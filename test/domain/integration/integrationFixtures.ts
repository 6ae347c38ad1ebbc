// One connected store, shared by the integration's specifications.
import type { IntegrationEvent } from '../../../src/domain/integration/integrationEvents.js';
import { DEFAULT_SETTINGS, type IntegrationSettings } from '../../../src/domain/integration/integrationSettings.js';

export const at = '2026-11-01T10:00:00.000Z';
export const settings: IntegrationSettings = {
  ...DEFAULT_SETTINGS,
  name: 'KeyCRM Kyiv',
  storeName: 'Kyiv shop',
  baseUrl: 'https://openapi.keycrm.app/v1',
  currency: 'UAH',
  statusMap: [{ platform: '1', local: 'new' }],
};
export const connected: IntegrationEvent[] = [
  { type: 'IntegrationConnected', data: { integrationId: 'i1', platform: 'keycrm', settings, connectedAt: at } },
  { type: 'IntegrationCredentialsChanged', data: { sealed: 'v1.sealed', changedAt: at } },
];

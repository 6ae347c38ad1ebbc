import { randomUUID } from 'node:crypto';
import { integrationDecider, integrationStream, type IntegrationState } from '../../domain/integration/integrationDecider.js';
import { DEFAULT_SETTINGS, type IntegrationSettings, type Platform } from '../../domain/integration/integrationSettings.js';
import { defaultStoreCountry } from '../../domain/integration/storeCountry.js';
import { DomainError, InvalidValueError } from '../../domain/shared/errors.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { PlatformClients } from '../ports/platformClient.js';
import type { Secrets } from '../ports/secrets.js';
import { assertSettingReferences } from './settingReferences.js';

export class UnknownIntegrationError extends DomainError {
  constructor(integrationId: string) {
    super('not-found', `No integration ${integrationId}`);
  }
}

export interface ConnectIntegrationInput {
  platform: Platform;
  credentials: Record<string, unknown>;
  settings: Partial<IntegrationSettings> & Pick<IntegrationSettings, 'name' | 'storeName' | 'baseUrl' | 'currency'>;
}

/** What connecting and changing an integration need: its stream, the sealing, and the platforms' own rules. */
export interface IntegrationDependencies {
  store: EventStore;
  secrets: Secrets;
  platforms: PlatformClients;
}

/** Only a platform the adapters know can be connected; its credentials are checked by its own schema. */
function knownPlatform(platforms: PlatformClients, platform: Platform): Platform {
  const names = platforms.platformNames();
  if (!names.includes(platform)) throw new InvalidValueError('platform', `must be one of ${names.join(', ')}`);
  return platform;
}

/** Credentials are sealed before they reach an event: the event log never holds them in the clear. */
export async function connectIntegration(
  { store, secrets, platforms }: IntegrationDependencies,
  input: ConnectIntegrationInput,
  now = new Date(),
): Promise<{ integrationId: string; position: number }> {
  const credentials = platforms.validCredentials(knownPlatform(platforms, input.platform), input.credentials);
  if (input.settings.platformOptions) platforms.validOptions(input.platform, input.settings.platformOptions);
  await assertSettingReferences(store, input.settings);
  const integrationId = randomUUID();
  const result = await handleCommand(store, integrationDecider, integrationStream(integrationId), {
    type: 'ConnectIntegration',
    data: {
      integrationId,
      platform: input.platform,
      settings: { ...DEFAULT_SETTINGS, country: defaultStoreCountry(input.settings.currency), ...input.settings },
      sealedCredentials: secrets.seal(JSON.stringify(credentials)),
      at: now.toISOString(),
    },
  });
  return { integrationId, position: result.position! };
}

/** One change, one append: everything is checked (credentials by the platform's schema, settings and the origin rule by the domain) before anything is written. */
export async function changeIntegration(
  { store, secrets, platforms }: IntegrationDependencies,
  integrationId: string,
  changes: { settings: Partial<IntegrationSettings>; credentials?: Record<string, unknown> },
  now = new Date(),
): Promise<{ position: number | undefined }> {
  const integration = await loadIntegration(store, integrationId);
  if (changes.settings.platformOptions) platforms.validOptions(integration.platform, changes.settings.platformOptions);
  await assertSettingReferences(store, changes.settings);
  const sealedCredentials = changes.credentials && secrets.seal(JSON.stringify(platforms.validCredentials(integration.platform, changes.credentials)));
  const result = await handleCommand(store, integrationDecider, integrationStream(integrationId), {
    type: 'ChangeSettings',
    data: { changes: changes.settings, ...(sealedCredentials === undefined ? {} : { sealedCredentials }), at: now.toISOString() },
  });
  return { position: result.position };
}

/** The integration as its events say now: what an import works from, never a possibly stale read model. */
export async function loadIntegration(store: EventStore, integrationId: string): Promise<IntegrationState & { exists: true }> {
  const state = await loadState(store, integrationDecider, integrationStream(integrationId));
  if (!state.exists) throw new UnknownIntegrationError(integrationId);
  return state;
}

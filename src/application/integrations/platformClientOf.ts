import type { IntegrationState } from '../../domain/integration/integrationDecider.js';
import type { PlatformClient, PlatformClients } from '../ports/platformClient.js';
import type { Secrets } from '../ports/secrets.js';

/** The adapter for one connected store; its credentials are unsealed only here, in memory. */
export function platformClientOf(
  deps: { platforms: PlatformClients; secrets: Secrets },
  integration: IntegrationState & { exists: true },
  /** A run's stop: the client's requests and waits end at once when it aborts. */
  signal?: AbortSignal,
): PlatformClient {
  return deps.platforms.clientFor({
    platform: integration.platform,
    baseUrl: integration.settings.baseUrl,
    credentials: JSON.parse(deps.secrets.open(integration.sealedCredentials!)) as Record<string, string>,
    language: integration.settings.language,
    options: integration.settings.platformOptions,
    signal,
  });
}

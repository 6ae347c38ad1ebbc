import { integrationDecider, integrationStream, type IntegrationState } from '../../domain/integration/integrationDecider.js';
import { localStatusFor } from '../../domain/integration/integrationSettings.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { PlatformStatus } from '../ports/platformClient.js';

/**
 * Platform status → local status through the integration's mapping. A status nobody mapped is created as a
 * local status named like the platform's and reported as unmapped until an admin maps it.
 */
export class StatusResolution {
  private readonly discovered: Map<string, string>;
  private names: Promise<PlatformStatus[]> | undefined;
  /** Statuses met in this run that were not mapped, for the run's log. */
  readonly unmapped = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly integration: IntegrationState & { exists: true },
    /** The platform's status names, asked for only when a status nobody mapped shows up. */
    private readonly platformStatuses: () => Promise<PlatformStatus[]>,
  ) {
    this.discovered = new Map(Object.entries(integration.discoveredStatuses));
  }

  async localStatus(platformStatus: string, at: string): Promise<string> {
    const mapped = localStatusFor(this.integration.settings, platformStatus);
    if (mapped) return mapped;
    this.unmapped.add(platformStatus);
    const known = this.discovered.get(platformStatus);
    if (known) return known;
    this.names ??= this.platformStatuses().catch(() => []);
    const name = (await this.names).find((s) => s.id === platformStatus)?.name?.trim() || `platform status ${platformStatus}`;
    const localStatus = name.slice(0, 100);
    await handleCommand(this.store, integrationDecider, integrationStream(this.integration.integrationId), {
      type: 'DiscoverPlatformStatus',
      data: { platformStatus, localStatus, at },
    });
    this.discovered.set(platformStatus, localStatus);
    return localStatus;
  }
}

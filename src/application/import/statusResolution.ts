import { integrationDecider, integrationStream, type IntegrationState } from '../../domain/integration/integrationDecider.js';
import { discoveredStatusName, resolveLocalStatus } from '../../domain/integration/statusMapping.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { PlatformStatus } from '../ports/platformClient.js';

/**
 * Platform status → local status through the integration's mapping (the rule: domain/integration/statusMapping.ts).
 * A status nobody mapped is created as a local status named like the platform's; this asks the platform for names.
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
    const resolution = resolveLocalStatus(this.integration.settings, this.discovered, platformStatus);
    if (resolution.kind === 'mapped') return resolution.localStatus;
    this.unmapped.add(platformStatus);
    if (resolution.kind === 'discovered') return resolution.localStatus;
    this.names ??= this.platformStatuses().catch(() => []);
    const localStatus = discoveredStatusName(platformStatus, (await this.names).find((s) => s.id === platformStatus)?.name);
    await handleCommand(this.store, integrationDecider, integrationStream(this.integration.integrationId), {
      type: 'DiscoverPlatformStatus',
      data: { platformStatus, localStatus, at },
    });
    this.discovered.set(platformStatus, localStatus);
    return localStatus;
  }
}

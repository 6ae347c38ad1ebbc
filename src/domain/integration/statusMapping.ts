// Statuses are translated through the integration's correspondence table, both ways; a platform status nobody
// mapped becomes a local status of the same name, reported as unmapped until an admin maps it.
import type { StatusCorrespondence } from './integrationSettings.js';

type StatusMap = { statusMap: readonly StatusCorrespondence[] };

/** The platform status to push for a local status: the first row of the map naming it. */
export function platformStatusFor(settings: StatusMap, localStatus: string): string | undefined {
  return settings.statusMap.find((entry) => entry.local === localStatus)?.platform;
}

/** The local status for a platform status, or undefined when it is not mapped yet. */
export function localStatusFor(settings: StatusMap, platformStatus: string): string | undefined {
  return settings.statusMap.find((entry) => entry.platform === platformStatus)?.local;
}

export type LocalStatusResolution =
  | { kind: 'mapped'; localStatus: string }
  /** Not mapped, but created as a local status when first met. */
  | { kind: 'discovered'; localStatus: string }
  /** Not mapped and met for the first time: a local status is to be created for it. */
  | { kind: 'new' };

/** The local status of a platform status: the map first, then the statuses created for unmapped ones. */
export function resolveLocalStatus(
  settings: StatusMap,
  discovered: ReadonlyMap<string, string>,
  platformStatus: string,
): LocalStatusResolution {
  const mapped = localStatusFor(settings, platformStatus);
  if (mapped) return { kind: 'mapped', localStatus: mapped };
  const known = discovered.get(platformStatus);
  return known ? { kind: 'discovered', localStatus: known } : { kind: 'new' };
}

/** The name of the local status created for an unmapped platform status: the platform's name, else one naming its id. */
export function discoveredStatusName(platformStatus: string, platformName: string | undefined): string {
  const name = platformName?.trim() || `platform status ${platformStatus}`;
  return name.slice(0, 100);
}

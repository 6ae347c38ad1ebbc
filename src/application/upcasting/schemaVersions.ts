import { upcasters, type EventData, type UpcasterRegistry } from './upcasters.js';

/** Events stored without a schemaVersion were written before versions were kept: they are version 1. */
export const FIRST_SCHEMA_VERSION = 1;

/** The version new events of this type are written in: one past the last upcaster of the type. */
export function currentSchemaVersion(type: string, registry: UpcasterRegistry = upcasters): number {
  const steps = registry[type];
  let version = FIRST_SCHEMA_VERSION;
  while (steps?.[version]) version++;
  return version;
}

/** The schema version an event was stored in, from its metadata. */
export function storedSchemaVersion(metadata: Record<string, unknown>): number {
  const version = metadata.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= FIRST_SCHEMA_VERSION ? version : FIRST_SCHEMA_VERSION;
}

/** The event's data raised to the current version of its type, one upcaster at a time. */
export function upcastData(
  type: string,
  data: unknown,
  fromVersion: number,
  registry: UpcasterRegistry = upcasters,
): { data: unknown; version: number } {
  const steps = registry[type];
  let version = fromVersion;
  let current = data;
  while (steps?.[version]) {
    current = steps[version](current as EventData);
    version++;
  }
  return { data: current, version };
}

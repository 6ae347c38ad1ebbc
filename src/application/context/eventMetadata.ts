import { currentSchemaVersion } from '../upcasting/schemaVersions.js';
import type { ChangeContext } from './changeContext.js';

/** What every appended event carries besides its data; a caller's explicit metadata wins field by field. */
export function eventMetadata(eventType: string, context: ChangeContext, explicit?: Record<string, unknown>): Record<string, unknown> {
  return {
    actor: context.actor,
    source: context.source,
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion: currentSchemaVersion(eventType),
    ...explicit,
  };
}

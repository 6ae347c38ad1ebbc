import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';

/** Turns events into read-model documents; applied inside the transaction that moves its checkpoint. */
export interface Projection {
  readonly name: string;
  /** Collections it owns: emptied when the projection is rebuilt from zero. */
  readonly collections: string[];
  /** Event types it reacts to; other events only move the checkpoint. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent, tx: ReadModelTransaction): Promise<void>;
  /** The documents `apply` will read for this event, when known beforehand: a batch loads them all at once. */
  documentsOf?(event: RecordedEvent): ReadonlyArray<readonly [collection: string, id: string]>;
}

import type { EventStore } from '../../application/ports/eventStore.js';
import type { ReadModels } from '../../application/ports/readModels.js';

/** The stores of one profile, opened together and closed together. */
export interface Storage {
  readonly profile: string;
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  close(): Promise<void>;
}

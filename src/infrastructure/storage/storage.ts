import type { EventStore } from '../../application/ports/eventStore.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import type { SchedulerHandles } from '../agenda/openScheduler.js';

/** The stores of one profile, opened together and closed together. */
export interface Storage {
  readonly profile: string;
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  /** The profile's connection the job scheduler shares (absent in tests that need no jobs). */
  readonly schedulerHandles?: SchedulerHandles;
  close(): Promise<void>;
}

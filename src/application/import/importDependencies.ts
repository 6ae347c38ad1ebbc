import type { EventStore } from '../ports/eventStore.js';
import type { Logger } from '../ports/logger.js';
import type { PlatformClients } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import type { Secrets } from '../ports/secrets.js';
import type { ThisProcess } from '../ports/thisProcess.js';

export interface ImportDependencies {
  store: EventStore;
  readModels: ReadModels;
  secrets: Secrets;
  platforms: PlatformClients;
  logger: Logger;
  clock: () => Date;
  /** The process the use cases run in, recorded as the owner of the runs it starts; absent in tests of one unit. */
  thisProcess?: ThisProcess;
}

import type { EventStore } from '../ports/eventStore.js';
import type { Logger } from '../ports/logger.js';
import type { PlatformClients } from '../ports/platformClient.js';
import type { ReadModels } from '../ports/readModels.js';
import type { Secrets } from '../ports/secrets.js';

export interface ImportDependencies {
  store: EventStore;
  readModels: ReadModels;
  secrets: Secrets;
  platforms: PlatformClients;
  logger: Logger;
  clock: () => Date;
}

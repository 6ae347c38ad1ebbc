import type { Secrets } from '../../application/ports/secrets.js';
import { compose } from '../../infrastructure/composition/compose.js';
import type { Config } from '../../infrastructure/config/config.js';
import { loadConfig } from '../../infrastructure/config/config.js';
import { createLogger } from '../../infrastructure/logging/logger.js';
import type { Storage } from '../../infrastructure/storage/storage.js';

/** No admin command seals or opens credentials: the CLI reads no key and creates no key file. */
const NO_CREDENTIALS: Secrets = {
  seal: () => {
    throw new Error('The admin CLI does not seal credentials');
  },
  open: () => {
    throw new Error('The admin CLI does not open credentials');
  },
};

/**
 * Opens the stores of the configured profile (same environment variables as the service) for one command, composed as
 * the service composes them but without jobs. Events are read as the service reads them (upcast), except `asStored`
 * for commands that must keep them byte for byte.
 */
export async function withStorage<T>(work: (storage: Storage, config: Config) => Promise<T>, { asStored = false } = {}): Promise<T> {
  const config = loadConfig();
  // Stdout is the command's answer: anything logged goes to stderr.
  const logger = createLogger(config.logLevel, process.stderr);
  const synchub = await compose(config, { logger, secrets: NO_CREDENTIALS, automations: false });
  const storage = asStored ? { ...synchub.storage, eventStore: synchub.storedEvents } : synchub.storage;
  try {
    return await work(storage, config);
  } finally {
    await synchub.storage.close().catch(() => undefined);
  }
}

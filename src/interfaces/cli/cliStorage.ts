import type { Config } from '../../infrastructure/config/config.js';
import { loadConfig } from '../../infrastructure/config/config.js';
import { upcasting } from '../../application/upcasting/upcastingEventStore.js';
import { openStorage } from '../../infrastructure/composition/storageProfiles.js';
import type { Storage } from '../../infrastructure/storage/storage.js';

/**
 * Opens the stores of the configured profile (same environment variables as the service) for one command. Events
 * are read as the service reads them (upcast), except `asStored` for commands that must keep them byte for byte.
 */
export async function withStorage<T>(work: (storage: Storage, config: Config) => Promise<T>, { asStored = false } = {}): Promise<T> {
  const config = loadConfig();
  const stored = await openStorage(config);
  const storage = asStored ? stored : { ...stored, eventStore: upcasting(stored.eventStore) };
  try {
    return await work(storage, config);
  } finally {
    await stored.close().catch(() => undefined);
  }
}

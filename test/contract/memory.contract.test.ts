import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';
import { eventStoreContract } from './eventStoreContract.js';
import { readModelsContract } from './readModelsContract.js';

// The in-memory adapters back unit tests of application code, so they must behave like the real ones.
eventStoreContract('memory', async () => ({ store: new MemoryEventStore(), cleanup: async () => undefined }));
readModelsContract('memory', async () => ({ readModels: new MemoryReadModels(), cleanup: async () => undefined }));

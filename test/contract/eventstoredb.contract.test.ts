import { connectEventStoreDb } from '../../src/infrastructure/eventstoredb/eventStoreDbEventStore.js';
import { eventStoreContract } from './eventStoreContract.js';

// EventStoreDB cannot run on the development and CI machines; point EVENTSTORE_URL at a server to run the suite.
const url = process.env.EVENTSTORE_URL;

if (url) {
  // The suite's streams have unique names, so tests share the server's $all without seeing each other.
  eventStoreContract('EventStoreDB', async () => {
    const store = connectEventStoreDb(url);
    return { store, cleanup: () => store.close() };
  }, { multiStreamAppend: 'ordered' });
} else {
  const reason = 'EVENTSTORE_URL is not set and no EventStoreDB server runs on this machine';
  console.log(`EventStore contract suite for EventStoreDB skipped: ${reason}`);
  describe('EventStore contract: EventStoreDB', () => {
    it(`skipped: ${reason}`);
  });
}

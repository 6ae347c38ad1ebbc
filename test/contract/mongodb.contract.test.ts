import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadModels } from '../../src/infrastructure/mongodb/mongoReadModels.js';
import { readModelsContract } from './readModelsContract.js';

// MongoDB cannot run on the development and CI machines; point MONGO_URL at a replica set to run the suite.
const url = process.env.MONGO_URL;

if (url) {
  // A database of its own per test, dropped afterwards, so runs never see each other's documents.
  readModelsContract('MongoDB', async () => {
    const client = new MongoClient(url, { ignoreUndefined: true });
    await client.connect();
    const db = client.db(`synchub_test_${randomBytes(6).toString('hex')}`);
    const readModels = new MongoReadModels(client, db, { ownsClient: false });
    return {
      readModels,
      cleanup: async () => {
        await db.dropDatabase();
        await client.close();
      },
    };
  });
} else {
  const reason = 'MONGO_URL is not set and no MongoDB server runs on this machine';
  console.log(`ReadModels contract suite for MongoDB skipped: ${reason}`);
  describe('ReadModels contract: MongoDB', () => {
    it(`skipped: ${reason}`);
  });
}

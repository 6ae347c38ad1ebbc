import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import { connectTestPostgres, dropSchema, uniqueSchema } from '../support/databases.js';
import { eventStoreContract } from './eventStoreContract.js';
import { readModelsContract } from './readModelsContract.js';

eventStoreContract('PostgreSQL', async () => {
  const sql = connectTestPostgres();
  const schema = uniqueSchema();
  const store = await PostgresEventStore.create(sql, { schema, pollIntervalMs: 50 });
  return {
    store,
    cleanup: async () => {
      await dropSchema(sql, schema);
      await store.close();
    },
  };
});

readModelsContract('PostgreSQL', async () => {
  const sql = connectTestPostgres();
  const schema = uniqueSchema();
  const readModels = await PostgresReadModels.create(sql, { schema });
  return {
    readModels,
    cleanup: async () => {
      await dropSchema(sql, schema);
      await readModels.close();
    },
  };
});

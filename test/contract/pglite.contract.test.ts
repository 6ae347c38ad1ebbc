import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import { dropSchema, sharedInMemoryPglite, uniqueSchema, unclosable } from '../support/databases.js';
import { eventStoreContract } from './eventStoreContract.js';
import { readModelsContract } from './readModelsContract.js';

eventStoreContract('PGlite (embedded)', async () => {
  const sql = await sharedInMemoryPglite();
  const schema = uniqueSchema();
  const store = await PostgresEventStore.create(unclosable(sql), { schema, pollIntervalMs: 50 });
  return { store, cleanup: () => dropSchema(sql, schema) };
});

readModelsContract('PGlite (embedded)', async () => {
  const sql = await sharedInMemoryPglite();
  const schema = uniqueSchema();
  const readModels = await PostgresReadModels.create(unclosable(sql), { schema });
  return { readModels, cleanup: () => dropSchema(sql, schema) };
});

import { PostgresEventStore } from '../../src/infrastructure/postgres/postgresEventStore.js';
import { PostgresReadModels } from '../../src/infrastructure/postgres/postgresReadModels.js';
import { PagesKeptUntilWrite } from '../../src/infrastructure/storage/pagesKeptUntilWrite.js';
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

// The embedded profile keeps the pages it found until its next write: the contract holds through that too.
readModelsContract('PGlite (embedded profile, pages kept until a write)', async () => {
  const sql = await sharedInMemoryPglite();
  const schema = uniqueSchema();
  const readModels = new PagesKeptUntilWrite(await PostgresReadModels.create(unclosable(sql), { schema }));
  return { readModels, cleanup: () => dropSchema(sql, schema) };
});

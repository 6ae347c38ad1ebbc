// Loaded only by the eventstoredb profile (dynamic import), so the other profiles never load it.
import { MongoBackend } from '@agendajs/mongo-backend';
import type { AgendaBackend } from 'agenda';
import { MongoClient } from 'mongodb';
import { ExtendedBackend } from './backend.js';

export interface MongoAgendaOptions {
  /** Collection of the jobs (default `agendaJobs`). */
  collection?: string;
}

/** Agenda on MongoDB; the backend owns its client and closes it when the scheduler stops. */
export function mongoAgendaBackend(url: string, options: MongoAgendaOptions = {}): AgendaBackend {
  const collection = options.collection ?? 'agendaJobs';
  const client = new MongoClient(url, { ignoreUndefined: true });
  const db = client.db();
  const inner = new MongoBackend({ mongo: db, collection });
  return new ExtendedBackend(inner, {
    // One job per (name, key): with this index a concurrent upsert of the same key cannot insert twice
    // (the server retries the losing upsert as an update).
    afterConnect: async () => {
      await db
        .collection(collection)
        .createIndex(
          { name: 1, 'data.key': 1 },
          { name: 'agenda_name_key_unique', unique: true, partialFilterExpression: { 'data.key': { $type: 'string' } } },
        );
    },
    afterDisconnect: () => client.close(),
    ownsConnection: true,
  });
}

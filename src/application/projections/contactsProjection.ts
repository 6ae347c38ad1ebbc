import type { ContactEvent } from '../../domain/contact/contactEvents.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';
import { streamId } from './streamId.js';

export const CONTACTS_COLLECTION = 'contacts';

export interface ContactDocument extends Record<string, unknown> {
  id: string;
  firstName: string;
  lastName: string;
  /** First and last name together, for search. */
  name: string;
  phone: string;
  email: string;
  registeredAt: string;
  updatedAt: string;
  version: number;
}

const fullName = (doc: { firstName: string; lastName: string }) => [doc.firstName, doc.lastName].filter(Boolean).join(' ');

export const contactsProjection: Projection = {
  name: 'contacts',
  collections: [CONTACTS_COLLECTION],
  handles: new Set<ContactEvent['type']>(['ContactRegistered', 'ContactUpdated']),

  documentsOf: (recorded) => [[CONTACTS_COLLECTION, streamId(recorded.streamName)]],

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ContactEvent;
    const id = streamId(recorded.streamName);
    const existing = await tx.get<ContactDocument>(CONTACTS_COLLECTION, id);
    if (existing && recorded.version <= existing.version) return;
    const version = recorded.version;
    if (event.type === 'ContactRegistered') {
      const { contactId: _, registeredAt, ...details } = event.data;
      const doc: ContactDocument = { id, ...details, name: fullName(details), registeredAt, updatedAt: registeredAt, version };
      return tx.put(CONTACTS_COLLECTION, id, doc);
    }
    if (!existing || event.type !== 'ContactUpdated') return;
    const next = { ...existing, ...event.data.changes, updatedAt: event.data.updatedAt, version };
    next.name = fullName(next);
    return tx.put(CONTACTS_COLLECTION, id, next);
  },
};

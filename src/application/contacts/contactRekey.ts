// Contacts stored before phones were kept in E.164 hold national spellings ("0509192229") under keys made of them: a
// buyer now written +380509192229 would get a second contact. Re-keying writes each such phone in E.164 and links its
// E.164 key to the contact, so imports land on it; where an import made the second contact already, it is reported.
import { contactDecider, contactStream } from '../../domain/contact/contactDecider.js';
import { buyerIdentity } from '../../domain/contact/contactMatch.js';
import { e164 } from '../../domain/contact/phone.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import { stableId } from '../import/stableId.js';
import type { EventStore } from '../ports/eventStore.js';
import type { ReadModels } from '../ports/readModels.js';
import { CONTACTS_COLLECTION, type ContactDocument } from '../projections/contactsProjection.js';

export interface RekeyReport {
  /** Contacts whose phone is now in E.164 and whose E.164 key leads to them. */
  rekeyed: number;
  /** Contacts whose phone was in E.164 and under its key already. */
  unchanged: number;
  /** Phones that are no number of `country`: left as they are. */
  unreadable: { contactId: string; phone: string }[];
  /** A second contact holds the E.164 key already (made by an import before re-keying): an admin merges them. */
  duplicates: { contactId: string; sameNumberAs: string; phone: string }[];
}

const PAGE = 500;

/** Re-keys every contact of the read model; national spellings are read in `country` (ISO 3166-1 alpha-2). */
export async function rekeyContacts(deps: { store: EventStore; readModels: ReadModels }, country: string, now = new Date()): Promise<RekeyReport> {
  const report: RekeyReport = { rekeyed: 0, unchanged: 0, unreadable: [], duplicates: [] };
  for (let afterId: string | undefined; ; ) {
    const page = await deps.readModels.scan(CONTACTS_COLLECTION, { afterId, limit: PAGE });
    for (const { id, doc } of page) await rekeyContact(deps, id, (doc as ContactDocument).phone, country, now.toISOString(), report);
    if (page.length < PAGE) return report;
    afterId = page[page.length - 1]!.id;
  }
}

async function rekeyContact(deps: { store: EventStore }, contactId: string, phone: string, country: string, at: string, report: RekeyReport): Promise<void> {
  if (!phone) return void report.unchanged++;
  const number = e164(phone, country);
  if (!number) return void report.unreadable.push({ contactId, phone });
  const keyId = stableId('contact', buyerIdentity({ phone: number, email: '' }).identity);
  let keyLeadsHere = keyId === contactId;
  if (!keyLeadsHere) {
    const key = await loadState(deps.store, contactDecider, contactStream(keyId));
    if (key.exists) return void report.duplicates.push({ contactId, sameNumberAs: keyId, phone: number });
    keyLeadsHere = key.linkedTo === contactId;
    if (!keyLeadsHere) await handleCommand(deps.store, contactDecider, contactStream(keyId), { type: 'LinkContactKey', data: { contactId, at } });
  }
  if (number === phone && keyLeadsHere) return void report.unchanged++;
  await handleCommand(deps.store, contactDecider, contactStream(contactId), { type: 'UpdateContact', data: { phone: number, at } });
  report.rekeyed++;
}

import { e164 } from '../../domain/contact/phone.js';
import { CONTACTS_COLLECTION, type ContactDocument } from '../projections/contactsProjection.js';
import { INTEGRATIONS_COLLECTION } from '../projections/integrationsProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { pagedList, pageOfSorted, type Page, type PageRequest } from './pagedList.js';
import { isReadModelId } from './readModelId.js';

export interface ContactsFilter extends PageRequest {
  /** Any spelling of the number: read as international, in `country`, and in the country of every connected store. */
  phone?: string;
  /** ISO 3166-1 alpha-2 to read a nationally written `phone` in, besides the stores' countries. */
  country?: string;
  /** Text anywhere in the name, e-mail or phone, any case. */
  q?: string;
}

/** A phone matches few contacts: the candidates' matches are gathered whole and paged here. */
const MATCHES_PER_NUMBER = 100;

const BY_NAME = { field: 'name' };

export async function findContacts(readModels: ReadModels, { phone, country, q, ...request }: ContactsFilter): Promise<Page<ContactDocument>> {
  const matching = q ? { fields: ['name', 'email', 'phone'], text: q } : undefined;
  if (!phone) return pagedList<ContactDocument>(readModels, CONTACTS_COLLECTION, { matching, orderBy: BY_NAME }, request);
  const found = new Map<string, ContactDocument>();
  for (const candidate of await phoneSpellings(readModels, phone, country)) {
    const docs = await readModels.find<ContactDocument>(CONTACTS_COLLECTION, { where: { phone: candidate }, matching, orderBy: BY_NAME, limit: MATCHES_PER_NUMBER });
    for (const doc of docs) found.set(doc.id, doc);
  }
  const items = [...found.values()].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
  return pageOfSorted(items, request, BY_NAME);
}

/**
 * The ways a contact may hold the number: in E.164 read in each country it could be from, and as contacts stored
 * before phones were kept in E.164 hold it (digits, with a + from 11 digits on) until `synchub contacts rekey` runs.
 */
async function phoneSpellings(readModels: ReadModels, phone: string, country: string | undefined): Promise<string[]> {
  const stores = await readModels.find<{ country?: unknown }>(INTEGRATIONS_COLLECTION, { pick: ['country'] });
  const countries = [country, ...stores.map((store) => (typeof store.country === 'string' ? store.country : undefined))];
  const digits = phone.replace(/\D/g, '');
  const legacy = digits.length >= 7 && digits.length <= 15 ? [digits.length >= 11 ? `+${digits}` : digits] : [];
  const readings = [undefined, ...countries].map((within) => e164(phone, within)).filter((number): number is string => number !== undefined);
  return [...new Set([...readings, ...legacy])];
}

export async function getContact(readModels: ReadModels, id: string): Promise<ContactDocument | undefined> {
  return isReadModelId(id) ? readModels.get<ContactDocument>(CONTACTS_COLLECTION, id) : undefined;
}

import { normalisePhone } from '../../domain/contact/phone.js';
import { InvalidValueError } from '../../domain/shared/errors.js';
import { CONTACTS_COLLECTION, type ContactDocument } from '../projections/contactsProjection.js';
import type { ReadModels } from '../ports/readModels.js';
import { pagedList, type Page } from './pagedList.js';
import { isReadModelId } from './readModelId.js';

export interface ContactsFilter {
  /** Any spelling of the number: it is normalised the way contacts store it before comparing. */
  phone?: string;
  /** Text anywhere in the name, e-mail or phone, any case. */
  q?: string;
  page: number;
  limit: number;
}

export async function findContacts(readModels: ReadModels, { phone, q, page, limit }: ContactsFilter): Promise<Page<ContactDocument>> {
  let where = {};
  if (phone) {
    try {
      where = { phone: normalisePhone(phone) };
    } catch (error) {
      // A number no contact can have matches nothing; it is a search, not a command to refuse.
      if (!(error instanceof InvalidValueError)) throw error;
      return { items: [], total: 0, page, limit };
    }
  }
  return pagedList<ContactDocument>(
    readModels,
    CONTACTS_COLLECTION,
    { where, matching: q ? { fields: ['name', 'email', 'phone'], text: q } : undefined, orderBy: { field: 'name' } },
    { page, limit },
  );
}

export async function getContact(readModels: ReadModels, id: string): Promise<ContactDocument | undefined> {
  return isReadModelId(id) ? readModels.get<ContactDocument>(CONTACTS_COLLECTION, id) : undefined;
}

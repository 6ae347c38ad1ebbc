// A platform order without a buyer is the integration's default contact's; without one, the order cannot be imported.
import type { ContactState } from '../contact/contactDecider.js';
import { NoBuyerError } from './noBuyerError.js';
import type { OrderCustomer } from './orderParts.js';

/** The contact to stand in for a missing buyer: the integration's default contact, which must be set. */
export function defaultContactId(configured: string | null): string {
  if (!configured) throw new NoBuyerError('the order has no buyer and the integration has no default contact');
  return configured;
}

/** The order's customer as the default contact is stored; a default contact that does not exist cannot stand in. */
export function defaultContactCustomer(contactId: string, contact: ContactState): OrderCustomer {
  if (!contact.exists) throw new NoBuyerError(`the order has no buyer and the default contact ${contactId} does not exist`);
  const { firstName, lastName, phone, email } = contact;
  return { contactId, firstName, lastName, phone, email };
}

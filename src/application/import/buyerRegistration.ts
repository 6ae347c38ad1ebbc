import { contactDecider, contactStream } from '../../domain/contact/contactDecider.js';
import { buyerIdentity } from '../../domain/contact/contactMatch.js';
import { defaultContactCustomer, defaultContactId } from '../../domain/order/defaultContact.js';
import { NoBuyerError } from '../../domain/order/noBuyerError.js';
import type { OrderCustomer } from '../../domain/order/orderParts.js';
import { fold, handleCommand, loadState } from '../commands/commandHandler.js';
import type { StreamStore } from '../ports/eventStore.js';
import type { PlatformBuyer } from '../ports/platformClient.js';
import { stableId } from './stableId.js';

/**
 * The buyer becomes a contact, one per phone number (the rule: domain/contact/contactMatch.ts): the contact id is
 * derived from the buyer's identity, so concurrent imports of two orders of one buyer meet on the same stream. A known
 * contact keeps its details (blanks are filled); the order keeps the buyer as the platform sent them.
 */
export async function registerBuyer(store: StreamStore, buyer: PlatformBuyer, at: string, storeCountry: string | null = null): Promise<OrderCustomer> {
  const key = buyerContact(buyer, storeCountry);
  const details = { firstName: buyer.firstName.trim(), lastName: buyer.lastName.trim(), phone: key.phone, email: buyer.email.trim() };
  // A key re-keyed to a contact of an older key (`synchub contacts rekey`) leads to that contact.
  const keyHistory = await store.readStream(contactStream(key.contactId));
  const keyState = fold(contactDecider, keyHistory);
  const linkedTo = keyState.exists ? undefined : keyState.linkedTo;
  const contactId = linkedTo ?? key.contactId;
  const { state } = await handleCommand(
    store,
    contactDecider,
    contactStream(contactId),
    { type: 'RecordBuyer', data: { contactId, ...details, at } },
    linkedTo ? {} : { history: keyHistory },
  );
  if (!state.exists) throw new NoBuyerError('the buyer could not be registered');
  return { contactId, ...details };
}

/** The buyer's contact id and phone in E.164; throws for a buyer who cannot be told apart (no phone, no e-mail). */
export function buyerContact(buyer: PlatformBuyer, storeCountry: string | null = null): { contactId: string; phone: string } {
  const { identity, phone } = buyerIdentity(buyer, storeCountry);
  return { contactId: stableId('contact', identity), phone };
}

/** The integration's default contact, for platform orders without a buyer (the rule: domain/order/defaultContact.ts). */
export async function defaultCustomer(store: StreamStore, configured: string | null): Promise<OrderCustomer> {
  const contactId = defaultContactId(configured);
  return defaultContactCustomer(contactId, await loadState(store, contactDecider, contactStream(contactId)));
}

import { contactDecider, contactStream } from '../../domain/contact/contactDecider.js';
import { normalisePhone } from '../../domain/contact/phone.js';
import type { OrderCustomer } from '../../domain/order/orderParts.js';
import { handleCommand, loadState } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import type { PlatformBuyer } from '../ports/platformClient.js';
import { PageStreams } from './pageStreams.js';
import { stableId } from './stableId.js';

/** Thrown when an order has no buyer to attach and the integration has no default contact. */
export class NoBuyerError extends Error {}

/**
 * The buyer becomes a contact, one per phone number: the contact id is derived from the normalised phone,
 * so concurrent imports of two orders of one buyer meet on the same stream. Without a phone, the e-mail decides.
 */
export async function registerBuyer(store: EventStore, buyer: PlatformBuyer, at: string, streams = PageStreams.none()): Promise<OrderCustomer> {
  const { contactId, phone } = buyerContact(buyer);
  const stream = contactStream(contactId);
  const { state } = await handleCommand(
    store,
    contactDecider,
    stream,
    { type: 'RecordBuyer', data: { contactId, firstName: buyer.firstName, lastName: buyer.lastName, phone, email: buyer.email.trim(), at } },
    { history: streams.take(stream) },
  );
  if (!state.exists) throw new NoBuyerError('the buyer could not be registered');
  const { firstName, lastName, email: storedEmail, phone: storedPhone } = state;
  return { contactId, firstName, lastName, phone: storedPhone, email: storedEmail };
}

/** The buyer's contact id and normalised phone; throws for a buyer who cannot be told apart (no phone, no e-mail). */
export function buyerContact(buyer: PlatformBuyer): { contactId: string; phone: string } {
  const phone = buyer.phone.trim() ? normalisePhone(buyer.phone, 'buyer.phone') : '';
  const email = buyer.email.trim().toLowerCase();
  if (!phone && !email) throw new NoBuyerError('the buyer has neither a phone nor an e-mail');
  return { contactId: stableId('contact', phone ? `phone:${phone.replace('+', '')}` : `email:${email}`), phone };
}

/** The integration's default contact, for platform orders without a buyer. */
export async function defaultCustomer(store: EventStore, contactId: string | null): Promise<OrderCustomer> {
  if (!contactId) throw new NoBuyerError('the order has no buyer and the integration has no default contact');
  const state = await loadState(store, contactDecider, contactStream(contactId));
  if (!state.exists) throw new NoBuyerError(`the order has no buyer and the default contact ${contactId} does not exist`);
  return { contactId, firstName: state.firstName, lastName: state.lastName, phone: state.phone, email: state.email };
}

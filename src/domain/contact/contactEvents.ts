import type { DomainEvent } from '../shared/decider.js';

export interface ContactDetails {
  firstName: string;
  lastName: string;
  /** Normalised (see phone.ts); empty when the contact has none. */
  phone: string;
  email: string;
}

export type ContactRegistered = DomainEvent<'ContactRegistered', ContactDetails & { contactId: string; registeredAt: string }>;
/** Only the fields that changed. */
export type ContactUpdated = DomainEvent<'ContactUpdated', { changes: Partial<ContactDetails>; updatedAt: string }>;

/**
 * Written on the stream of a buyer key (contactMatch.ts) that was no contact's: the key leads to a contact registered
 * under an older key (a phone stored before phones were kept in E.164), so its buyers land on it, never on a second one.
 */
export type ContactKeyLinked = DomainEvent<'ContactKeyLinked', { contactId: string; at: string }>;

export type ContactEvent = ContactRegistered | ContactUpdated | ContactKeyLinked;

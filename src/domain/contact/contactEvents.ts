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

export type ContactEvent = ContactRegistered | ContactUpdated;

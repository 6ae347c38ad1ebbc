import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertText } from '../shared/text.js';
import type { ContactDetails, ContactEvent } from './contactEvents.js';
import { normalisePhone } from './phone.js';

/** A contact; or no contact, whose key may lead to one registered under an older key (`linkedTo`). */
export type ContactState = { exists: false; linkedTo?: string } | ({ exists: true; contactId: string } & ContactDetails);

export type RegisterContact = DomainCommand<'RegisterContact', ContactDetails & { contactId: string; at: string }>;
/** Keeps what is known: an empty incoming field never erases a stored one. */
export type UpdateContact = DomainCommand<'UpdateContact', Partial<ContactDetails> & { at: string }>;
/** What an import does with a buyer: register when new; a known contact keeps its details, only blanks are filled. */
export type RecordBuyer = DomainCommand<'RecordBuyer', ContactDetails & { contactId: string; at: string }>;

/** Makes this key (a stream no contact holds) lead to an existing contact: the re-keying of old contacts. */
export type LinkContactKey = DomainCommand<'LinkContactKey', { contactId: string; at: string }>;

export type ContactCommand = RegisterContact | UpdateContact | RecordBuyer | LinkContactKey;

const FIELDS = ['firstName', 'lastName', 'phone', 'email'] as const;

function validated(details: Partial<ContactDetails>): Partial<ContactDetails> {
  const result: Partial<ContactDetails> = {};
  for (const field of FIELDS) {
    const value = details[field];
    if (value === undefined) continue;
    assertText(field, value, { max: 200 });
    // Phones arrive in E.164 (read in the buyer's country by the caller); one without its country code is refused.
    result[field] = field === 'phone' && value.trim() !== '' ? normalisePhone(value) : value.trim();
  }
  if (result.email && !/^[^\s@]+@[^\s@]+$/.test(result.email)) {
    throw new InvalidValueError('email', `is not an e-mail address: ${JSON.stringify(result.email.slice(0, 80))}`);
  }
  return result;
}

function register(command: RegisterContact | RecordBuyer): ContactEvent[] {
  const details = validated(command.data);
  if (!details.phone && !details.email && !details.firstName && !details.lastName) {
    throw new InvalidValueError('contact', 'needs at least a name, a phone or an e-mail');
  }
  return [
    {
      type: 'ContactRegistered',
      data: {
        contactId: command.data.contactId,
        firstName: details.firstName ?? '',
        lastName: details.lastName ?? '',
        phone: details.phone ?? '',
        email: details.email ?? '',
        registeredAt: command.data.at,
      },
    },
  ];
}

function update(state: ContactState & { exists: true }, incoming: Partial<ContactDetails>, at: string, fillBlanksOnly = false): ContactEvent[] {
  const details = validated(incoming);
  const changes: Partial<ContactDetails> = {};
  for (const field of FIELDS) {
    const value = details[field];
    if (value === undefined || value === '' || value === state[field]) continue;
    // An order's buyer never renames a known contact (000/001: the existing contact is used); it fills what is blank.
    if (fillBlanksOnly && state[field] !== '') continue;
    changes[field] = value;
  }
  return Object.keys(changes).length === 0 ? [] : [{ type: 'ContactUpdated', data: { changes, updatedAt: at } }];
}

export const contactDecider: Decider<ContactState, ContactCommand, ContactEvent> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterContact':
        if (state.exists) throw new InvalidStateError(`Contact ${state.contactId} is already registered`);
        return register(command);
      case 'UpdateContact':
        if (!state.exists) throw new InvalidStateError('The contact does not exist');
        return update(state, command.data, command.data.at);
      case 'RecordBuyer':
        // The caller follows a linked key to its contact; recording here would make the second contact the link prevents.
        if (!state.exists && state.linkedTo) throw new InvalidStateError(`This buyer key leads to contact ${state.linkedTo}`);
        return state.exists ? update(state, command.data, command.data.at, true) : register(command);
      case 'LinkContactKey':
        if (state.exists) throw new InvalidStateError(`Contact ${state.contactId} is registered under this key: it cannot lead to ${command.data.contactId}`);
        if (state.linkedTo === command.data.contactId) return [];
        if (state.linkedTo) throw new InvalidStateError(`This key leads to contact ${state.linkedTo} already`);
        return [{ type: 'ContactKeyLinked', data: command.data }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ContactRegistered': {
        const { registeredAt: _, ...details } = event.data;
        return { exists: true, ...details };
      }
      case 'ContactUpdated':
        return state.exists ? { ...state, ...event.data.changes } : state;
      case 'ContactKeyLinked':
        return state.exists ? state : { exists: false, linkedTo: event.data.contactId };
    }
  },
};

export const contactStream = (contactId: string) => `contact-${contactId}`;

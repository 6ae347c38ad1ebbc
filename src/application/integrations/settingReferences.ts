import { contactDecider, contactStream } from '../../domain/contact/contactDecider.js';
import type { IntegrationSettings } from '../../domain/integration/integrationSettings.js';
import { InvalidValueError } from '../../domain/shared/errors.js';
import { loadState } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';

/**
 * Settings that name another object name one that exists, checked when they are set rather than found wrong at the
 * next sync: the default contact must be a contact. (Status names are the domain's rule: statusReferences.ts.)
 */
export async function assertSettingReferences(store: EventStore, settings: Partial<IntegrationSettings>): Promise<void> {
  const contactId = settings.defaultContactId;
  if (contactId === undefined || contactId === null) return;
  const contact = await loadState(store, contactDecider, contactStream(contactId));
  if (!contact.exists) throw new InvalidValueError('defaultContactId', `there is no contact ${contactId}; GET /v1/contacts lists them`);
}

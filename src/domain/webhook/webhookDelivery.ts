// One webhook delivery of a platform: recorded once, so a redelivery with the same id is recognised and does nothing.
import type { Decider, DomainCommand, DomainEvent } from '../shared/decider.js';

export type WebhookDeliveryProcessed = DomainEvent<
  'WebhookDeliveryProcessed',
  { integrationId: string; deliveryId: string; externalId: string; outcome: string; reason: string | null; at: string }
>;
export type WebhookDeliveryEvent = WebhookDeliveryProcessed;

export type RecordWebhookDelivery = DomainCommand<'RecordWebhookDelivery', WebhookDeliveryProcessed['data']>;

export type WebhookDeliveryState = { processed: false } | { processed: true; outcome: string };

export const webhookDeliveryDecider: Decider<WebhookDeliveryState, RecordWebhookDelivery, WebhookDeliveryEvent> = {
  initialState: () => ({ processed: false }),
  // The first record wins; a concurrent redelivery that imported the same order records nothing more.
  decide: (command, state) => (state.processed ? [] : [{ type: 'WebhookDeliveryProcessed', data: command.data }]),
  evolve: (_, event) => ({ processed: true, outcome: event.data.outcome }),
};

export const webhookDeliveryStream = (deliveryKey: string) => `webhookdelivery-${deliveryKey}`;

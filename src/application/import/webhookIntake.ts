import { webhookDeliveryDecider, webhookDeliveryStream } from '../../domain/webhook/webhookDelivery.js';
import { DomainError, InvalidValueError } from '../../domain/shared/errors.js';
import { unstorableField } from '../../domain/shared/text.js';
import { fold, handleCommand } from '../commands/commandHandler.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import type { WebhookDelivery } from '../ports/platformClient.js';
import type { ImportDependencies } from './importDependencies.js';
import { importPlatformOrder, singleOrderContext } from './orderImport.js';
import { stableId } from './stableId.js';
import { reportWebhookOutcome } from './webhookIntakeReport.js';

export class NoWebhooksError extends DomainError {
  constructor(platform: string) {
    super('not-found', `${platform} integrations receive no webhooks; their orders come by polling`);
  }
}

export type WebhookResult =
  | { status: 'duplicate'; deliveryId: string; outcome: string }
  | { status: 'ignored'; reason: string }
  | { status: 'imported' | 'updated' | 'unchanged' | 'skipped' | 'rejected'; deliveryId: string; externalId: string; orderId?: string; reason?: string };

/**
 * A signed webhook hands its order to the same import as polling. The order's stream is named from the
 * integration and the platform's id, so an order that arrives by webhook and by poll is imported once; the
 * delivery is recorded after the import, so a crash in between is healed by the platform's redelivery.
 */
export async function receiveWebhook(deps: ImportDependencies, integrationId: string, delivery: WebhookDelivery): Promise<WebhookResult> {
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration);
  if (!client.readWebhook) throw new NoWebhooksError(integration.platform);
  // Throws WebhookSignatureError before anything is read or stored.
  const reading = client.readWebhook(delivery);
  refuseUnstorableText(delivery.rawBody);
  if (reading.kind === 'ignored') return { status: 'ignored', reason: reading.reason };
  const stream = webhookDeliveryStream(stableId('webhook', integrationId, reading.deliveryId));
  const history = await deps.store.readStream(stream);
  const seen = fold(webhookDeliveryDecider, history);
  if (seen.processed) return { status: 'duplicate', deliveryId: reading.deliveryId, outcome: seen.outcome };

  const at = deps.clock().toISOString();
  const result = await importPlatformOrder(singleOrderContext(deps, integration, client, at), reading.order);
  // Reported before the delivery is recorded: a crash in between makes the redelivery report it again, never lose it.
  await reportWebhookOutcome(deps, integrationId, result, at);
  await handleCommand(deps.store, webhookDeliveryDecider, stream, {
    type: 'RecordWebhookDelivery',
    data: { integrationId, deliveryId: reading.deliveryId, externalId: result.externalId, outcome: result.outcome, reason: result.reason ?? null, at },
  }, { history });
  return { status: result.outcome, deliveryId: reading.deliveryId, externalId: result.externalId, orderId: result.orderId, reason: result.reason };
}

/** A signed delivery whose JSON carries text no store keeps is refused naming the field (400), not failed as a 500 the platform retries forever. */
function refuseUnstorableText(rawBody: Buffer): void {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return; // not JSON: the adapter has said what it makes of it
  }
  const found = unstorableField(json);
  if (found) throw new InvalidValueError(found.field, found.reason);
}

import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { WebhookSignatureError, type PlatformClient, type WebhookDelivery } from '../../../../src/application/ports/platformClient.js';
import { shopifyClientFor } from '../../../../src/infrastructure/platforms/shopify/index.js';
import { signedDelivery } from '../../../../simulators/shopify/index.js';
import { shopifyOrderJson } from './shopifyOrderFixture.js';

const SECRET = 'whsec-shopify-test-5b1d';
const clientWith = (credentials: Record<string, string>): PlatformClient =>
  shopifyClientFor({ platform: 'shopify', baseUrl: 'https://acme.myshopify.com', credentials: { accessToken: 'shpat_test', ...credentials } });

describe('Shopify webhooks', () => {
  const client = clientWith({ webhookSecret: SECRET });
  const read = (delivery: WebhookDelivery, reader = client) => reader.readWebhook!(delivery);

  it('given a delivery signed with the secret, then its order is read with the webhook id as delivery id', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET, topic: 'orders/create', webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    const reading = read(delivery);
    expect(reading.kind).to.equal('order');
    if (reading.kind !== 'order' || reading.order.kind !== 'order') throw new Error('expected an order');
    expect(reading.deliveryId).to.equal('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(reading.order.order).to.include({ externalId: '5500000123', number: '#1042', status: 'paid', platformUrl: 'https://acme.myshopify.com/admin/orders/5500000123' });
  });

  it('given the signature computed independently (base64 HMAC-SHA256 of the raw bytes), then it is accepted', () => {
    const rawBody = Buffer.from('{"id":5500000123,  "name":"#1042"}');
    const signature = createHmac('sha256', SECRET).update(rawBody).digest('base64');
    const reading = read({ headers: { 'x-shopify-hmac-sha256': signature, 'x-shopify-topic': 'orders/paid', 'x-shopify-webhook-id': 'w-1' }, rawBody });
    // The body is an order with fields missing: verified, then rejected as malformed, never a crash.
    expect(reading).to.deep.include({ kind: 'order', deliveryId: 'w-1' });
    expect(reading.kind === 'order' && reading.order.kind).to.equal('malformed');
  });

  for (const topic of ['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled']) {
    it(`given the topic ${topic}, then the body is read as an order`, () => {
      expect(read(signedDelivery(shopifyOrderJson(), { secret: SECRET, topic })).kind).to.equal('order');
    });
  }

  it('given a body changed after signing, then it is refused', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET, topic: 'orders/paid' });
    const tampered = { ...delivery, rawBody: Buffer.from(delivery.rawBody.toString('utf8').replace('61.88', '0.01')) };
    expect(() => read(tampered)).to.throw(WebhookSignatureError, /does not match/);
  });

  it('given a delivery signed with another secret, then it is refused', () => {
    expect(() => read(signedDelivery(shopifyOrderJson(), { secret: 'someone-else', topic: 'orders/paid' }))).to.throw(WebhookSignatureError, /does not match/);
  });

  it('given a signature of another length (not base64 of 32 bytes), then it is refused without throwing anything else', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET });
    expect(() => read({ ...delivery, headers: { ...delivery.headers, 'x-shopify-hmac-sha256': 'short' } })).to.throw(WebhookSignatureError);
  });

  it('given no signature header, then it is refused', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET });
    expect(() => read({ ...delivery, headers: { ...delivery.headers, 'x-shopify-hmac-sha256': undefined } })).to.throw(WebhookSignatureError, /no X-Shopify-Hmac-Sha256/);
  });

  it('given an integration without a webhook secret, then every delivery is refused, even a signed one', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET });
    expect(() => read(delivery, clientWith({}))).to.throw(WebhookSignatureError, /no webhookSecret/);
  });

  it("given a Dev Dashboard app, then a delivery signed with its client secret is read and one signed otherwise is refused", () => {
    const app = shopifyClientFor({ platform: 'shopify', baseUrl: 'https://acme.myshopify.com', credentials: { clientId: 'app-id', clientSecret: 'app-client-secret-31' } });
    const signed = signedDelivery(shopifyOrderJson(), { secret: 'app-client-secret-31', topic: 'orders/create' });
    expect(read(signed, app)).to.deep.include({ kind: 'order' });
    const tampered = { ...signed, rawBody: Buffer.from(signed.rawBody.toString('utf8').replace('61.88', '0.01')) };
    expect(() => read(tampered, app)).to.throw(WebhookSignatureError, /does not match/);
    expect(() => read(signedDelivery(shopifyOrderJson(), { secret: SECRET, topic: 'orders/create' }), app)).to.throw(WebhookSignatureError, /does not match/);
  });

  it('given a verified delivery of another topic, then it is ignored with its delivery id and a reason', () => {
    const reading = read(signedDelivery({ id: 1, title: 'Mug' }, { secret: SECRET, topic: 'products/update', webhookId: 'w-9' }));
    expect(reading).to.deep.equal({ kind: 'ignored', deliveryId: 'w-9', reason: 'Shopify topic products/update carries no order to import' });
  });

  it('given no webhook id, then the event id names the delivery', () => {
    const delivery = signedDelivery(shopifyOrderJson(), { secret: SECRET });
    const reading = read({ ...delivery, headers: { ...delivery.headers, 'x-shopify-webhook-id': undefined } });
    expect(reading.deliveryId).to.equal(delivery.headers['x-shopify-event-id']);
  });

  it('given a signed body that is not JSON, then the delivery is read as a malformed order', () => {
    const rawBody = Buffer.from('not json');
    const signature = createHmac('sha256', SECRET).update(rawBody).digest('base64');
    const reading = read({ headers: { 'x-shopify-hmac-sha256': signature, 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'w-2' }, rawBody });
    expect(reading).to.deep.equal({ kind: 'order', deliveryId: 'w-2', order: { kind: 'malformed', order: { externalId: undefined, reason: 'Shopify orders/create webhook body is not JSON' } } });
  });
});

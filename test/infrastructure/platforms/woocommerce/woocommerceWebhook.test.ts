import { expect } from 'chai';
import { WebhookSignatureError, type WebhookDelivery } from '../../../../src/application/ports/platformClient.js';
import { woocommerceClientFor } from '../../../../src/infrastructure/platforms/woocommerce/index.js';
import {
  lowerCasedHeaders,
  pingDelivery,
  seedWooCommerceOrders,
  signedDelivery,
} from '../../../../simulators/woocommerce/index.js';

const SECRET = 'whsec-7Qm2-webhook-secret';
const connection = (webhookSecret?: string) => ({
  platform: 'woocommerce' as const,
  baseUrl: 'https://shop.example.com',
  credentials: { consumerKey: 'ck_test', consumerSecret: 'cs_test', ...(webhookSecret === undefined ? {} : { webhookSecret }) },
});
const client = woocommerceClientFor(connection(SECRET));
const [seeded] = seedWooCommerceOrders({ count: 1, seed: 5 });
// A name with non-ASCII letters and a URL: WooCommerce's PHP encoding escapes both, and the signature covers those bytes.
const order = { ...seeded, billing: { ...seeded.billing, first_name: 'Zoë', last_name: 'Müller' }, payment_url: 'https://shop.example.com/pay/1/' };
const asReceived = (delivery: { headers: Record<string, string>; rawBody: Buffer }): WebhookDelivery => ({ headers: lowerCasedHeaders(delivery.headers), rawBody: delivery.rawBody });

describe('WooCommerce webhooks', () => {
  it('given an order.updated delivery signed with the secret, then its order is read with the delivery id', () => {
    const delivery = signedDelivery(order, { secret: SECRET, topic: 'order.updated', deliveryId: 4711 });
    expect(delivery.rawBody.toString()).to.contain('Zo\\u00eb').and.to.contain('https:\\/\\/shop.example.com');
    const reading = client.readWebhook!(asReceived(delivery));
    expect(reading.kind).to.equal('order');
    if (reading.kind !== 'order' || reading.order.kind !== 'order') throw new Error('expected a readable order');
    expect(reading.deliveryId).to.equal('4711');
    expect(reading.order.order).to.include({ externalId: String(order.id), status: order.status });
    expect(reading.order.order.buyer).to.include({ firstName: 'Zoë', lastName: 'Müller' });
    expect(reading.order.order.platformUrl).to.equal(`https://shop.example.com/wp-admin/post.php?post=${order.id}&action=edit`);
  });

  it('given a body changed after signing, then the signature is refused', () => {
    const delivery = asReceived(signedDelivery(order, { secret: SECRET, deliveryId: 1 }));
    const tampered = Buffer.from(delivery.rawBody.toString().replace(`"total":"${order.total}"`, '"total":"0.01"'));
    expect(tampered.equals(delivery.rawBody)).to.equal(false);
    expect(() => client.readWebhook!({ ...delivery, rawBody: tampered })).to.throw(WebhookSignatureError, /does not match/);
  });

  it('given a delivery signed with another secret or a signature of another length, then it is refused', () => {
    expect(() => client.readWebhook!(asReceived(signedDelivery(order, { secret: 'not-the-secret' })))).to.throw(WebhookSignatureError, /does not match/);
    const short = asReceived(signedDelivery(order, { secret: SECRET }));
    expect(() => client.readWebhook!({ ...short, headers: { ...short.headers, 'x-wc-webhook-signature': 'abc' } })).to.throw(WebhookSignatureError, /does not match/);
  });

  it('given a delivery without the signature header, then it is refused', () => {
    const delivery = asReceived(signedDelivery(order, { secret: SECRET }));
    delete delivery.headers['x-wc-webhook-signature'];
    expect(() => client.readWebhook!(delivery)).to.throw(WebhookSignatureError, /no X-WC-Webhook-Signature/);
  });

  it('given an integration without a webhook secret, then no delivery is accepted, and the message holds no secret', () => {
    const unsecured = woocommerceClientFor(connection());
    const delivery = asReceived(signedDelivery(order, { secret: SECRET }));
    expect(() => unsecured.readWebhook!(delivery)).to.throw(WebhookSignatureError, /no webhookSecret/);
    let message = '';
    try {
      client.readWebhook!({ ...delivery, headers: { ...delivery.headers, 'x-wc-webhook-signature': 'x'.repeat(44) } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/does not match/).and.not.to.contain(SECRET);
  });

  it('given the ping WooCommerce sends when a webhook is saved, then it is acknowledged and carries no order', () => {
    const reading = client.readWebhook!(asReceived(pingDelivery(31)));
    expect(reading).to.deep.equal({ kind: 'ignored', deliveryId: undefined, reason: 'WooCommerce webhook ping' });
  });

  it('given a signed delivery of another topic, then it is verified and ignored', () => {
    const reading = client.readWebhook!(asReceived(signedDelivery({ id: 55, name: 'Mug' }, { secret: SECRET, topic: 'product.updated', deliveryId: 9 })));
    expect(reading).to.deep.include({ kind: 'ignored', deliveryId: '9' });
    const forged = asReceived(signedDelivery({ id: 55 }, { secret: 'wrong', topic: 'product.updated' }));
    expect(() => client.readWebhook!(forged)).to.throw(WebhookSignatureError);
  });

  it('given a signed order delivery that is not a readable order, then it is read as a malformed order, not a crash', () => {
    const reading = client.readWebhook!(asReceived(signedDelivery({ ...order, total: 'lots' }, { secret: SECRET, topic: 'order.created', deliveryId: 10 })));
    expect(reading.kind).to.equal('order');
    if (reading.kind !== 'order') return;
    expect(reading.order).to.deep.equal({ kind: 'malformed', order: { externalId: String(order.id), reason: `WooCommerce order ${order.id}: total must be a decimal amount, got "lots"` } });
  });

  it('given the same delivery twice without a delivery id, then both carry the same id so a redelivery is recognised', () => {
    const delivery = asReceived(signedDelivery(order, { secret: SECRET, topic: 'order.created' }));
    delete delivery.headers['x-wc-webhook-delivery-id'];
    const first = client.readWebhook!(delivery);
    const second = client.readWebhook!({ ...delivery, rawBody: Buffer.from(delivery.rawBody) });
    expect(first.deliveryId).to.be.a('string').and.to.equal(second.deliveryId);
  });
});

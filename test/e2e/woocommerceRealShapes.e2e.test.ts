import { expect } from 'chai';
import { woocommerceClientFor } from '../../src/infrastructure/platforms/woocommerce/index.js';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import {
  seedWooCommerceOrders,
  startWooCommerceSimulator,
  withTotals,
  type WooCommerceLineItem,
  type WooCommerceOrderRecord,
  type WooCommerceSimulator,
} from '../../simulators/woocommerce/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const KEY = 'ck_realshapes_5c3b1f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c';
const SECRET = 'cs_realshapes_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b';
const DAY = 24 * 60 * 60 * 1000;

/** A T-shirt variation with its own article, as WooCommerce lists a variation line. */
function teeLine(id: number, quantity: number): WooCommerceLineItem {
  return {
    id, name: 'T-shirt - L', product_id: 9_000, variation_id: 9_002, quantity, tax_class: '', subtotal: '25.00', subtotal_tax: '0.00', total: '25.00', total_tax: '0.00',
    taxes: [], meta_data: [{ id: id * 10, key: 'pa_size', value: 'l', display_key: 'Size', display_value: 'L' }], sku: 'TEE-L', price: 25 / quantity,
    image: { id: '', src: '' }, parent_name: 'T-shirt',
  };
}

/** 150 orders shaped like a real store's: half with a shipping address but no shipping line, one buyer writing their phone three ways. */
function realShapedOrders(): WooCommerceOrderRecord[] {
  const orders = seedWooCommerceOrders({ count: 150, products: 20, buyers: 60, startAt: new Date(Date.now() - 4 * DAY), seed: 18, currency: 'USD' });
  return orders.map((order, index) => {
    let shaped = order;
    if (index % 2 === 0) shaped = { ...shaped, shipping_lines: [], shipping: { ...shaped.billing, email: undefined, phone: '' } };
    const spelling = ['+1 (415) 555-1234', '(415) 555-1234', '4155551234'][[10, 11, 12].indexOf(index)];
    if (spelling) {
      const billing = { ...shaped.billing, first_name: 'Test', last_name: 'Local', email: '', phone: spelling, country: 'US', state: 'CA', city: 'San Francisco', postcode: '94103' };
      shaped = { ...shaped, billing };
    }
    if (index === 20) shaped = { ...shaped, line_items: [teeLine(90_001, 1), ...shaped.line_items.slice(1)] };
    return withTotals(shaped);
  });
}

describe('WooCommerce stores as they are: HTTPS and plain HTTP, orders without shipping lines, phones as people write them, variant articles', function () {
  this.timeout(180_000);
  const seeded = realShapedOrders();
  let overTls: WooCommerceSimulator;
  let overHttp: WooCommerceSimulator;
  let api: SynchubApi;
  const runs: Record<'https' | 'http', any> = { https: undefined, http: undefined };
  const integrations: Record<'https' | 'http', string> = { https: '', http: '' };

  before(async () => {
    overTls = await startWooCommerceSimulator({ consumerKey: KEY, consumerSecret: SECRET, seedOrders: seeded, tls: true });
    overHttp = await startWooCommerceSimulator({ consumerKey: KEY, consumerSecret: SECRET, seedOrders: seeded });
    // The HTTPS shop's certificate is trusted by this integration's client only: the platform HTTP layer is handed its authority.
    const platforms = new PlatformAdapters({ woocommerce: (connection) => woocommerceClientFor(connection, { ca: overTls.certificate }) });
    api = await startSynchubApi({ platforms });
    // Ada is known already: the imports must not rename her.
    const local = await api.call('POST', '/v1/orders', {
      number: 'L-1', status: 'new', currency: 'USD',
      customer: { firstName: 'Ada', lastName: 'Lovelace', phone: '+14155551234', email: 'ada@example.com' },
      items: [{ sku: 'MUG-LOCAL', name: 'Mug', quantity: 1, price: 12 }],
    });
    expect(local.status, JSON.stringify(local.body)).to.equal(201);
    for (const [transport, simulator] of [['https', overTls], ['http', overHttp]] as const) {
      const created = await api.call('POST', '/v1/integrations', {
        name: `Woo over ${transport}`, platform: 'woocommerce', storeName: `Shop over ${transport}`, baseUrl: simulator.baseUrl,
        credentials: { consumerKey: KEY, consumerSecret: SECRET }, currency: 'USD', productMatch: ['sku', 'name'],
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body.country, 'a USD store reads national numbers as US ones').to.equal('US');
      integrations[transport] = created.body.id;
      runs[transport] = await api.sync(created.body.id);
    }
  });

  after(async () => {
    await api?.close();
    await overTls?.close();
    await overHttp?.close();
  });

  it('given the same 150 orders over HTTPS (Basic auth) and over HTTP (OAuth 1.0a), then both import every one', async () => {
    for (const transport of ['https', 'http'] as const) {
      expect(runs[transport].status, JSON.stringify(runs[transport])).to.equal('succeeded');
      expect(runs[transport].counts, transport).to.include({ imported: 150, rejected: 0 });
      const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrations[transport]}`);
      expect(orders.map((order) => order.externalId).sort()).to.deep.equal(seeded.map((order) => String(order.id)).sort());
    }
    expect(new Set(overTls.requests.map((request) => request.authorization))).to.deep.equal(new Set(['Basic']));
    for (const request of overHttp.requests) {
      expect(request.authorization).to.equal(undefined);
      expect(new URL(request.url, overHttp.baseUrl).searchParams.get('oauth_signature_method')).to.equal('HMAC-SHA256');
    }
  });

  it('given Basic auth sent to the plain-HTTP shop, then it is refused with WooCommerce\'s error body', async () => {
    const answer = await fetch(`${overHttp.baseUrl}/wp-json/wc/v3/orders`, { headers: { Authorization: `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}` } });
    expect(answer.status).to.equal(401);
    expect(await answer.json()).to.deep.equal({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
  });

  it('given half the orders with a shipping address but no shipping line, then each is imported and its feed says the delivery method was missing', async () => {
    const source = seeded[0]!;
    expect(source.shipping_lines).to.have.length(0);
    const [listed] = (await api.all(`/v1/orders?store=integrations&integrationId=${integrations.http}`)).filter((order) => order.externalId === String(source.id));
    const order = (await api.call('GET', `/v1/orders/${listed.id}`)).body;
    expect(order.delivery).to.include({ method: '', cost: 0 });
    expect(order.feed[0].text).to.contain('came without: delivery method');
  });

  it('given one buyer writing +1 (415) 555-1234, (415) 555-1234 and 4155551234 from a US address, then they are one contact, found by any spelling', async () => {
    for (const spelling of ['+1 (415) 555-1234', '(415) 555-1234', '4155551234', '415-555-1234']) {
      const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent(spelling)}`);
      expect(body.items.map((contact: any) => contact.phone), spelling).to.deep.equal(['+14155551234']);
    }
  });

  it('given an existing contact, when orders come with another name and no e-mail, then the contact keeps hers and each order keeps the buyer as sent', async () => {
    const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+14155551234')}`);
    expect(body.items[0]).to.include({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    const source = seeded[11]!;
    const [listed] = (await api.all(`/v1/orders?store=integrations&integrationId=${integrations.https}`)).filter((order) => order.externalId === String(source.id));
    expect(listed.customer).to.deep.include({ contactId: body.items[0].id, firstName: 'Test', lastName: 'Local', phone: '+14155551234', email: '' });
  });

  it('given a variation TEE-L in an order, then ?sku=TEE-L finds the T-shirt, and a local order of TEE-L lands on it', async () => {
    const { body } = await api.call('GET', '/v1/products?sku=TEE-L');
    expect(body.items.map((product: any) => product.name)).to.deep.equal(['T-shirt']);
    expect(body.items[0].variants.map((variant: any) => variant.sku)).to.deep.equal(['TEE-L']);
    const local = await api.call('POST', '/v1/orders', {
      number: 'L-2', status: 'new', currency: 'USD',
      customer: { firstName: 'Ada', lastName: 'Lovelace', phone: '+14155551234', email: '' },
      items: [{ sku: 'TEE-L', name: 'T-shirt L', quantity: 2, price: 25 }],
    });
    expect(local.status, JSON.stringify(local.body)).to.equal(201);
    expect(local.body.items[0]).to.include({ productId: body.items[0].id, sku: 'TEE-L' });
    const tees = (await api.all('/v1/products')).filter((product) => product.name === 'T-shirt' || product.sku === 'TEE-L' || product.name === 'T-shirt L');
    expect(tees.map((product) => product.id), 'no second T-shirt').to.deep.equal([body.items[0].id]);
  });
});

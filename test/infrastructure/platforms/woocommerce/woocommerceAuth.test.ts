import { expect } from 'chai';
import { Agent as HttpsAgent } from 'node:https';
import * as officialModule from '@woocommerce/woocommerce-rest-api';
import { PlatformRequestError, type FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import { woocommerceClientFor } from '../../../../src/infrastructure/platforms/woocommerce/index.js';
import { seedWooCommerceOrders, startWooCommerceSimulator, type WooCommerceSimulator } from '../../../../simulators/woocommerce/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const SECRET = 'cs_auth_test_5d1c9e';
const START = new Date(Date.now() - 3 * 86_400_000);
const WINDOW = { from: new Date(START.getTime() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
// The published client, as a shop owner's script would use it: it signs over HTTP and sends Basic (or the query) over HTTPS.
// (a CommonJS module: its class is module.exports.default)
const OfficialClient = (officialModule.default as unknown as { default: typeof officialModule.default.default }).default;

/** Each test a key of its own: the process-wide pacer of one test never slows another. */
let keys = 0;
const seeded = seedWooCommerceOrders({ count: 12, startAt: START, seed: 21 });

describe('WooCommerce authentication as WooCommerce does it: Basic over HTTPS, OAuth 1.0a over HTTP', function () {
  before(allowLocalPlatforms);
  this.timeout(30_000);
  let simulator: WooCommerceSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });
  const start = async (tls: boolean) => {
    const consumerKey = `ck_auth_test_${++keys}`;
    simulator = await startWooCommerceSimulator({ consumerKey, consumerSecret: SECRET, seedOrders: seeded, tls });
    return { sim: simulator, consumerKey };
  };
  const ids = async (pages: AsyncIterable<FetchedOrder[]>) => {
    const all: string[] = [];
    for await (const page of pages) all.push(...page.map((fetched) => fetched.order.externalId!));
    return all;
  };
  const seededIds = seeded.map((order) => String(order.id));

  describe('the official @woocommerce/woocommerce-rest-api client reads the simulator', () => {
    it('given a plain-HTTP site, when the official client lists orders, then its OAuth 1.0a signature is accepted', async () => {
      const { sim, consumerKey } = await start(false);
      const official = new OfficialClient({ url: sim.baseUrl, consumerKey, consumerSecret: SECRET, version: 'wc/v3' });
      const answer = await official.get('orders', { per_page: 100, orderby: 'id', order: 'asc' });
      expect(answer.status).to.equal(200);
      expect(answer.data.map((order: { id: number }) => String(order.id))).to.deep.equal(seededIds);
      const query = new URL(sim.requests[0]!.url, sim.baseUrl).searchParams;
      expect(query.get('oauth_signature_method')).to.equal('HMAC-SHA256');
      expect(sim.requests[0]!.url).not.to.contain(SECRET);
    });

    it('given an HTTPS site, when the official client lists orders with Basic auth, or with the key in the query, then both are accepted', async () => {
      const { sim, consumerKey } = await start(true);
      const axiosConfig = { httpsAgent: new HttpsAgent({ ca: sim.certificate }) };
      const basic = await new OfficialClient({ url: sim.baseUrl, consumerKey, consumerSecret: SECRET, version: 'wc/v3', axiosConfig }).get('orders', { per_page: 5 });
      const inQuery = await new OfficialClient({ url: sim.baseUrl, consumerKey, consumerSecret: SECRET, version: 'wc/v3', queryStringAuth: true, axiosConfig }).get('orders', { per_page: 5 });
      expect([basic.status, inQuery.status]).to.deep.equal([200, 200]);
      expect(basic.data).to.have.length(5);
      expect(sim.requests.map((request) => request.authorization ?? 'none')).to.deep.equal(['Basic', 'none']);
      expect(new URL(sim.requests[1]!.url, sim.baseUrl).searchParams.get('consumer_key')).to.equal(consumerKey);
    });
  });

  describe('the simulator refuses what WooCommerce refuses', () => {
    it('given a plain-HTTP site, when Basic auth is sent, then it is refused with WooCommerce\'s own error body', async () => {
      const { sim, consumerKey } = await start(false);
      const answer = await fetch(`${sim.baseUrl}/wp-json/wc/v3/orders`, { headers: { Authorization: `Basic ${Buffer.from(`${consumerKey}:${SECRET}`).toString('base64')}` } });
      expect(answer.status).to.equal(401);
      expect(await answer.json()).to.deep.equal({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
      const single = await fetch(`${sim.baseUrl}/wp-json/wc/v3/orders/${seeded[0]!.id}?consumer_key=${consumerKey}&consumer_secret=${SECRET}`);
      expect(await single.json()).to.deep.equal({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.', data: { status: 401 } });
    });

    it('given a signed request, when it is sent again with the same nonce, then the replay is refused', async () => {
      const { sim, consumerKey } = await start(false);
      const official = new OfficialClient({ url: sim.baseUrl, consumerKey, consumerSecret: SECRET, version: 'wc/v3' });
      await official.get('orders', { per_page: 1 });
      const replay = await fetch(`${sim.baseUrl}${sim.requests[0]!.url}`);
      expect(replay.status).to.equal(401);
      expect(await replay.json()).to.deep.equal({ code: 'woocommerce_rest_authentication_error', message: 'Invalid nonce - nonce has already been used.', data: { status: 401 } });
    });

    it('given a signed request whose query was changed, when sent, then the signature does not match', async () => {
      const { sim, consumerKey } = await start(false);
      await new OfficialClient({ url: sim.baseUrl, consumerKey, consumerSecret: SECRET, version: 'wc/v3' }).get('orders', { per_page: 1 });
      const tampered = new URL(sim.requests[0]!.url, sim.baseUrl);
      tampered.searchParams.set('per_page', '100');
      tampered.searchParams.set('oauth_nonce', 'a-fresh-nonce-0001');
      const answer = await fetch(tampered);
      expect(await answer.json()).to.deep.equal({ code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.', data: { status: 401 } });
    });

    it('given an HTTPS site, when Basic auth carries a wrong secret, then WooCommerce\'s own message comes back', async () => {
      const { sim, consumerKey } = await start(true);
      const client = woocommerceClientFor({ platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey, consumerSecret: 'cs_wrong_secret_77' } }, { ca: sim.certificate, maxAttempts: 1 });
      const error = (await client.order(String(seeded[0]!.id)).catch((e: unknown) => e)) as Error;
      expect(error).to.be.instanceOf(PlatformRequestError);
      expect(error.message).to.equal(`WooCommerce refused GET /orders/${seeded[0]!.id} (401 Unauthorized)`);
      // WooCommerce's own words are kept apart from the message, for operators (the outbound policy's rule).
      expect((error as PlatformRequestError).detail).to.equal('Consumer secret is invalid. (woocommerce_rest_authentication_error)');
    });
  });

  describe('synchub\'s adapter authenticates as WooCommerce requires', () => {
    it('given a plain-HTTP site, then every request is OAuth-signed in the query and no secret travels', async () => {
      const { sim, consumerKey } = await start(false);
      const client = woocommerceClientFor({ platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey, consumerSecret: SECRET } });
      expect(await ids(client.ordersUpdatedBetween(WINDOW))).to.deep.equal(seededIds);
      await client.changeOrderStatus(String(seeded[0]!.id), 'completed');
      expect(sim.requests.map((request) => request.status)).to.deep.equal([200, 200]);
      for (const request of sim.requests) {
        expect(request.authorization, 'no Authorization header').to.equal(undefined);
        expect(new URL(request.url, sim.baseUrl).searchParams.get('oauth_signature_method')).to.equal('HMAC-SHA256');
        expect(request.url).not.to.contain(SECRET);
      }
    });

    it('given an HTTPS site and its authority, then requests carry Basic auth; with queryStringAuth the key goes in the query', async () => {
      const { sim, consumerKey } = await start(true);
      const basic = woocommerceClientFor({ platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey, consumerSecret: SECRET } }, { ca: sim.certificate });
      expect(await ids(basic.ordersUpdatedBetween(WINDOW))).to.deep.equal(seededIds);
      const inQuery = woocommerceClientFor(
        { platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey, consumerSecret: SECRET }, options: { queryStringAuth: true } },
        { ca: sim.certificate },
      );
      expect(await ids(inQuery.ordersUpdatedBetween(WINDOW))).to.deep.equal(seededIds);
      expect(sim.requests.map((request) => request.authorization ?? 'none')).to.deep.equal(['Basic', 'none']);
      expect(Object.fromEntries(new URL(sim.requests[1]!.url, sim.baseUrl).searchParams)).to.include({ consumer_key: consumerKey, consumer_secret: SECRET });
    });

    it('given an HTTPS site whose authority the client was not given, then the connection fails: verification is never off', async () => {
      const { sim, consumerKey } = await start(true);
      const client = woocommerceClientFor({ platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey, consumerSecret: SECRET } }, { maxAttempts: 1 });
      const error = (await client.order('1').catch((e: unknown) => e)) as Error;
      expect(error.message).to.match(/failed after 1 attempt\(s\); last: network error \((SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/);
      expect(sim.requests).to.have.length(0);
    });
  });
});

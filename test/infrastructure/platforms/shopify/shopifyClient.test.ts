import { expect } from 'chai';
import { PlatformRequestError, type FetchedOrder, type PlatformClient } from '../../../../src/application/ports/platformClient.js';
import { shopifyClientFor } from '../../../../src/infrastructure/platforms/shopify/index.js';
import { ClientCredentialsToken } from '../../../../src/infrastructure/platforms/shopify/shopifyAccessToken.js';
import { ShopifyClient } from '../../../../src/infrastructure/platforms/shopify/shopifyClient.js';
import { ShopifyCostBucket } from '../../../../src/infrastructure/platforms/shopify/shopifyCostBucket.js';
import {
  seedShopifyOrders,
  seedShopifyProducts,
  startShopifySimulator,
  type ShopifyAppCredentials,
  type ShopifySimulator,
  type ShopifySimulatorOptions,
} from '../../../../simulators/shopify/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const DAY = 86_400_000;
const MONTH = { from: new Date(Date.now() - 30 * DAY), to: new Date() };
let apps = 0;

async function allPages(iterable: AsyncIterable<FetchedOrder[]>): Promise<FetchedOrder[][]> {
  const pages: FetchedOrder[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

const recentOrders = (count: number, seed: number) => seedShopifyOrders({ count, seed, startAt: new Date(Date.now() - 5 * DAY) });

describe('Shopify client over HTTP (GraphQL Admin API)', function () {
  before(allowLocalPlatforms);
  this.timeout(30_000);
  const running: ShopifySimulator[] = [];
  // An app of its own per simulator: tokens and the cost bucket are kept per shop and app in the process.
  const start = async (options: Partial<Omit<ShopifySimulatorOptions, 'app'>> & { app?: Partial<ShopifyAppCredentials> } = {}) => {
    const app = { clientId: `client-test-${++apps}`, clientSecret: `secret-client-test-${apps}-9d2f`, ...options.app };
    const simulator = await startShopifySimulator({ bucket: { maximumAvailable: 20_000, restoreRate: 1000 }, ...options, app });
    running.push(simulator);
    const client = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { clientId: app.clientId, clientSecret: app.clientSecret } });
    return { simulator, client, app };
  };
  const graphqlRequests = (simulator: ShopifySimulator) => simulator.requests.filter((request) => request.url.endsWith('/graphql.json'));
  after(async () => Promise.all(running.map((simulator) => simulator.close())));

  describe('reading orders', () => {
    it('given 600 orders, when read, then they come in cursor pages sized to the bucket, each once, and no REST path is asked', async () => {
      const { simulator, client } = await start({ seedOrders: recentOrders(600, 3) });
      const pages = await allPages(client.ordersUpdatedBetween(MONTH));
      expect(pages.flat().map((fetched) => fetched.kind)).to.deep.equal(Array(600).fill('order'));
      expect(new Set(pages.flat().map((fetched) => fetched.order.externalId)).size).to.equal(600);
      // The first page is small while the cost is unknown; then as many orders as fit the single-query maximum.
      expect(pages[0]).to.have.length(1);
      const requests = graphqlRequests(simulator);
      expect(requests.every((request) => request.operationName === 'SynchubOrders' && request.url === `/admin/api/${simulator.apiVersion}/graphql.json`)).to.equal(true);
      expect(Math.max(...requests.map((request) => request.requestedQueryCost!))).to.be.within(900, 1000);
      expect(simulator.requests.filter((request) => request.url.endsWith('.json') && !request.url.endsWith('/graphql.json'))).to.deep.equal([]);
      expect(simulator.throttledCount).to.equal(0);
    });

    it('given orders updated outside the window and cancelled or archived ones, then the window decides what is read', async () => {
      const seeded = recentOrders(40, 5);
      const { client } = await start({ seedOrders: seeded });
      const window = { from: new Date(seeded[10].updated_at), to: new Date(seeded[20].updated_at) };
      const read = (await allPages(client.ordersUpdatedBetween(window))).flat().map((fetched) => fetched.order.externalId);
      const expected = seeded.filter((order) => Date.parse(order.updated_at) >= window.from.getTime() && Date.parse(order.updated_at) <= window.to.getTime());
      expect(read).to.deep.equal(expected.map((order) => String(order.id)).sort());
      expect(expected.some((order) => order.cancelled_at || order.closed_at), 'the window holds cancelled or archived orders').to.equal(true);
    });

    it('given an order with nine line items, then the items beyond the first five are fetched before it is mapped', async () => {
      const [order] = recentOrders(1, 6);
      const lines = Array.from({ length: 9 }, (_, index) => ({ ...order.line_items[0], id: 13_100_000_000 + index, sku: `LINE-${index + 1}`, total_discount: '0.00' }));
      const { simulator, client } = await start({ seedOrders: [{ ...order, line_items: lines }] });
      const [[fetched]] = await allPages(client.ordersUpdatedBetween(MONTH));
      expect(fetched.kind === 'order' && fetched.order.items.map((item) => item.sku)).to.deep.equal(lines.map((line) => line.sku));
      expect(graphqlRequests(simulator).map((request) => request.operationName)).to.include('SynchubOrderLineItems');
    });

    it('given a bucket of 100 points restoring 50 a second, when 12 orders are read, then every query fits and none is THROTTLED', async () => {
      const { simulator, client } = await start({ seedOrders: recentOrders(12, 7), bucket: { maximumAvailable: 100, restoreRate: 50 } });
      expect((await allPages(client.ordersUpdatedBetween(MONTH))).flat()).to.have.length(12);
      const requests = graphqlRequests(simulator);
      expect(simulator.throttledCount).to.equal(0);
      expect(requests.every((request) => request.requestedQueryCost! <= 100 && request.refusedFor === undefined)).to.equal(true);
      expect(requests.length, 'pages of more than one order').to.be.below(12);
    });

    it('given another client of the app drained the bucket, when the adapter is THROTTLED, then it waits for the points and gets its answer', async () => {
      const { simulator, client, app } = await start({ seedOrders: recentOrders(1, 8), seedProducts: seedShopifyProducts({ products: 22 }), bucket: { maximumAvailable: 100, restoreRate: 50 } });
      const token = ((await (await fetch(`${simulator.baseUrl}/admin/oauth/access_token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }) })).json()) as { access_token: string }).access_token;
      // Someone else's query takes 90 of the 100 points behind the adapter's back.
      const drain = await fetch(`${simulator.baseUrl}/admin/api/${simulator.apiVersion}/graphql.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
        body: JSON.stringify({ query: '{ products(first: 22) { nodes { id variants(first: 1) { nodes { id } } } } }' }),
      });
      expect(((await drain.json()) as { extensions: { cost: { requestedQueryCost: number } } }).extensions.cost.requestedQueryCost).to.equal(90);
      const fetched = await client.order(String(simulator.orders.all()[0].id));
      expect(fetched?.kind).to.equal('order');
      const ordersAsked = graphqlRequests(simulator).filter((request) => request.operationName === 'SynchubOrder');
      expect(ordersAsked.map((request) => request.refusedFor ?? 'answered')).to.deep.equal(['THROTTLED', 'answered']);
      const [refused, retried] = ordersAsked;
      // The points it lacked come back at 50 a second.
      expect(retried.at - refused.at).to.be.at.least(((refused.requestedQueryCost! - refused.currentlyAvailable!) / 50) * 1000 - 50);
    });

    it('given pages sized from a cost that was wrong, when Shopify says MAX_COST_EXCEEDED, then the page is asked for again smaller', async () => {
      const { simulator, app } = await start({ seedOrders: recentOrders(30, 9), bucket: { maximumAvailable: 300, restoreRate: 300 } });
      const bucket = new ShopifyCostBucket();
      const client = new ShopifyClient({ ...shopifyClientParts(simulator, app.clientId, app.clientSecret), bucket });
      // A bucket that believes orders cost nothing much asks for far too many at once.
      await client.order(String(simulator.orders.all()[0].id));
      bucket.learn('SynchubOrders\n[]', 20, 250);
      const orders = (await allPages(client.ordersUpdatedBetween(MONTH))).flat();
      expect(orders).to.have.length(30);
      const refusals = graphqlRequests(simulator).filter((request) => request.refusedFor === 'MAX_COST_EXCEEDED');
      expect(refusals).to.have.length(1);
      expect(simulator.throttledCount).to.equal(0);
    });

    it('given an unknown or non-numeric id, then order() answers undefined', async () => {
      const { client } = await start({ seedOrders: recentOrders(1, 10) });
      expect(await client.order('1234')).to.equal(undefined);
      expect(await client.order('../shop')).to.equal(undefined);
    });

    it('given an order in yen, then its total of 1500 is 1500 minor units', async () => {
      const [order] = seedShopifyOrders({ count: 1, seed: 11, currency: 'JPY', startAt: new Date(Date.now() - DAY) });
      const { client } = await start({ seedOrders: [{ ...order, total_price: '1500' }] });
      const fetched = await client.order(String(order.id));
      expect(fetched?.kind === 'order' && fetched.order).to.deep.include({ currency: 'JPY', total: 1500 });
    });
  });

  describe('tokens', () => {
    it('given a token about to expire, then a new one is asked for before it does, and no request is refused', async () => {
      const { simulator, client } = await start({ seedOrders: recentOrders(3, 12), app: { tokenTtlSeconds: 2 } });
      await allPages(client.ordersUpdatedBetween(MONTH));
      await new Promise((resolve) => setTimeout(resolve, 1900));
      await allPages(client.ordersUpdatedBetween(MONTH));
      expect(simulator.tokensGranted).to.equal(2);
      expect(simulator.requests.filter((request) => request.status === 401)).to.deep.equal([]);
    });

    it('given a token Shopify no longer takes, then 401 is answered by asking for a new one, once, and the call succeeds', async () => {
      const { simulator, client } = await start({ seedOrders: recentOrders(3, 13) });
      const id = String(simulator.orders.all()[0].id);
      await client.order(id);
      simulator.expireTokens();
      expect((await client.order(id))?.kind).to.equal('order');
      expect(simulator.tokensGranted).to.equal(2);
      expect(simulator.requests.filter((request) => request.status === 401)).to.have.length(1);
    });

    it('given a wrong client secret, then the grant is refused with Shopify words and without the secret', async () => {
      const { simulator, app } = await start();
      const client = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { clientId: app.clientId, clientSecret: 'shpss_wrong_secret_value' } });
      const error = await allPages(client.ordersUpdatedBetween(MONTH)).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 400 });
      expect((error as Error).message).to.match(/Shopify refused POST \/admin\/oauth\/access_token \(400/);
      expect((error as PlatformRequestError).detail).to.match(/invalid_client/);
      expect(`${(error as Error).message} ${(error as PlatformRequestError).detail}`).not.to.contain('shpss_wrong_secret_value');
    });

    it("given a legacy custom app's token, then it is sent as it is; a wrong one is 401 without the token in the message", async () => {
      const { simulator } = await start({ accessToken: 'shpat_legacy_ok_1', seedOrders: recentOrders(2, 14) });
      const legacy = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { accessToken: 'shpat_legacy_ok_1' } });
      expect((await allPages(legacy.ordersUpdatedBetween(MONTH))).flat()).to.have.length(2);
      const wrong = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { accessToken: 'shpat_wrong_secret_token' } });
      const error = await allPages(wrong.ordersUpdatedBetween(MONTH)).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 401 });
      expect((error as Error).message).to.match(/Shopify refused POST \/graphql\.json \(401/);
      expect((error as PlatformRequestError).detail).to.match(/\[API\] Invalid API key or access token/);
      expect(`${(error as Error).message} ${(error as PlatformRequestError).detail}`).not.to.contain('shpat_wrong_secret_token');
      expect(simulator.tokenRequests).to.equal(0);
    });

    it('given an apiVersion the adapter does not support, then no client is made', async () => {
      expect(() => shopifyClientFor({ platform: 'shopify', baseUrl: 'https://acme.myshopify.com', credentials: { accessToken: 'x' }, options: { apiVersion: '2024-10' } })).to.throw(/apiVersion 2024-10 is not a version synchub supports/);
    });
  });

  describe('status write-back', () => {
    let simulator: ShopifySimulator;
    let client: PlatformClient;
    const unfulfilled = (financial: string) =>
      simulator.orders.all().filter((order) => !order.cancelled_at && !order.closed_at && order.fulfillment_status === null && order.financial_status === financial);

    before(async () => ({ simulator, client } = await start({ seedOrders: recentOrders(60, 15) })));

    it('given cancelled, then orderCancel is sent and the order reads back as cancelled', async () => {
      const id = unfulfilled('paid')[0].id as number;
      await client.changeOrderStatus(String(id), 'cancelled');
      expect(simulator.statusChanges.filter((change) => change.orderId === id).map((change) => change.action)).to.deep.equal(['cancel']);
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('cancelled');
    });

    it('given closed, then orderClose archives the order', async () => {
      const id = unfulfilled('paid')[0].id as number;
      await client.changeOrderStatus(String(id), 'closed');
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('closed');
    });

    it('given fulfilled, then each open fulfillment order is fulfilled', async () => {
      const id = unfulfilled('paid')[0].id as number;
      await client.changeOrderStatus(String(id), 'fulfilled');
      expect(simulator.statusChanges.at(-1)).to.include({ orderId: id, action: 'fulfil' });
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('fulfilled');
    });

    it('given paid for an order waiting for payment, then orderMarkAsPaid records it; an order paid already is refused', async () => {
      const id = unfulfilled('pending')[0].id as number;
      await client.changeOrderStatus(String(id), 'paid');
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order).to.include({ status: 'paid', paymentStatus: 'paid' });
      const again = await client.changeOrderStatus(String(id), 'paid').catch((caught: unknown) => caught);
      expect(again).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect((again as Error).message).to.contain('Order cannot be marked as paid');
    });

    it('given a status Shopify derives from refunds, then nothing is sent and the refusal says why', async () => {
      const before = simulator.requestCount;
      const error = await client.changeOrderStatus(String(unfulfilled('paid')[0].id), 'refunded').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect((error as Error).message).to.match(/Shopify cannot set the status "refunded" by API.*only cancelled, closed, fulfilled, paid/);
      expect(simulator.requestCount).to.equal(before);
    });

    it('given an order cancelled already, then cancelling again is refused with Shopify words', async () => {
      const id = simulator.statusChanges[0].orderId;
      const error = await client.changeOrderStatus(String(id), 'cancelled').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect((error as Error).message).to.contain('Order has already been cancelled');
    });
  });

  describe('catalogue and stock', () => {
    let simulator: ShopifySimulator;
    let client: PlatformClient;
    before(async () => ({ simulator, client } = await start({ seedProducts: seedShopifyProducts({ products: 21, seed: 16 }) })));

    it('given the catalogue, then every product comes once: a default variant lends its SKU, one with options is matched by name', async () => {
      const products = [];
      for await (const page of client.products!()) products.push(...page);
      expect(products.map((fetched) => fetched.kind)).to.deep.equal(Array(21).fill('product'));
      const byId = new Map(products.map((fetched) => [fetched.kind === 'product' ? fetched.product.externalId : '', fetched.kind === 'product' ? fetched.product : undefined]));
      for (const product of simulator.catalogue.allProducts()) {
        const mapped = byId.get(String(product.id))!;
        const single = product.variants.length === 1 && product.variants[0].title === 'Default Title';
        expect(mapped).to.deep.include({ name: product.title, category: product.productType, archived: product.status === 'ARCHIVED', description: `${product.title}, made to last.` });
        expect(mapped.sku).to.equal(single ? product.variants[0].sku : undefined);
      }
      expect([...byId.values()].some((product) => product!.archived), 'the seed has archived products').to.equal(true);
    });

    it('given stock levels, then they are set at the primary location by SKU; a SKU the shop does not sell is skipped', async () => {
      const [simple, withOptions] = [simulator.catalogue.allProducts()[1], simulator.catalogue.allProducts()[0]];
      await client.pushStock!([{ sku: simple.variants[0].sku!, quantity: 7 }, { sku: withOptions.variants[2].sku!, quantity: 3 }, { sku: 'NOT-SOLD-HERE', quantity: 1 }], null);
      expect(simulator.availableOf(simple.variants[0].sku!)).to.equal(7);
      expect(simulator.availableOf(withOptions.variants[2].sku!)).to.equal(3);
      // Pushing the same levels again leaves Shopify as it was: quantities are absolute.
      await client.pushStock!([{ sku: simple.variants[0].sku!, quantity: 7 }], null);
      expect(simulator.availableOf(simple.variants[0].sku!)).to.equal(7);
    });

    it('given a stock location by numeric id or gid, then the stock goes there; an unknown or malformed one is refused', async () => {
      const sku = simulator.catalogue.allProducts()[1].variants[0].sku!;
      await client.pushStock!([{ sku, quantity: 11 }], '71000000002');
      await client.pushStock!([{ sku, quantity: 12 }], 'gid://shopify/Location/71000000002');
      expect(simulator.availableOf(sku, 71_000_000_002)).to.equal(12);
      const unknown = await client.pushStock!([{ sku, quantity: 1 }], '999').catch((caught: unknown) => caught);
      expect(unknown).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 404 });
      const before = simulator.requestCount;
      const malformed = await client.pushStock!([{ sku, quantity: 1 }], 'Warehouse 1').catch((caught: unknown) => caught);
      expect(malformed).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect(simulator.requestCount).to.equal(before);
    });
  });
});

/** A ShopifyClient for a Dev Dashboard app, as shopifyClientFor makes it, for tests that bring their own bucket. */
function shopifyClientParts(simulator: ShopifySimulator, clientId: string, clientSecret: string) {
  return {
    apiBaseUrl: `${simulator.baseUrl}/admin/api/${simulator.apiVersion}`,
    orderUrlBase: `${simulator.baseUrl}/admin/orders/`,
    tokens: new ClientCredentialsToken(simulator.baseUrl, { clientId, clientSecret }),
    app: clientId,
  };
}

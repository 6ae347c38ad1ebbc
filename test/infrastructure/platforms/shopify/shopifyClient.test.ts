import { expect } from 'chai';
import { PlatformRequestError, type FetchedOrder, type PlatformClient } from '../../../../src/application/ports/platformClient.js';
import { shopifyClientFor } from '../../../../src/infrastructure/platforms/shopify/index.js';
import { readCallLimit, ShopifyCallBucket } from '../../../../src/infrastructure/platforms/shopify/shopifyCallLimit.js';
import { nextPageInfo } from '../../../../src/infrastructure/platforms/shopify/shopifyPagination.js';
import {
  seedShopifyOrders,
  startShopifySimulator,
  type ShopifySimulator,
  type ShopifySimulatorOptions,
} from '../../../../simulators/shopify/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const MAY = { from: new Date('2024-04-01T00:00:00Z'), to: new Date('2024-07-01T00:00:00Z') };
let tokenCounter = 0;

async function allPages(iterable: AsyncIterable<FetchedOrder[]>): Promise<FetchedOrder[][]> {
  const pages: FetchedOrder[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('Shopify client over HTTP', function () {
  before(allowLocalPlatforms);
  this.timeout(20_000);
  const running: ShopifySimulator[] = [];
  // A token of its own per simulator: the pacer is shared per shop and token, as the bucket is.
  const start = async (options: Partial<ShopifySimulatorOptions> = {}) => {
    const simulator = await startShopifySimulator({ accessToken: `shpat_client_test_${++tokenCounter}`, bucketSize: 0, ...options });
    running.push(simulator);
    const client = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { accessToken: simulator.accessToken } });
    return { simulator, client };
  };
  after(async () => Promise.all(running.map((simulator) => simulator.close())));

  it('given 600 orders, when read, then three pages come by page_info cursors that carry no other filter', async () => {
    const { simulator, client } = await start({ seedOrders: seedShopifyOrders({ count: 600, seed: 3 }) });
    const pages = await allPages(client.ordersUpdatedBetween(MAY));
    expect(pages.map((page) => page.length)).to.deep.equal([250, 250, 100]);
    expect(new Set(pages.flat().map((fetched) => fetched.order.externalId)).size).to.equal(600);
    const [first, ...next] = simulator.requests.map((request) => new URL(request.url, 'http://x').searchParams);
    expect(Object.fromEntries(first)).to.deep.equal({ status: 'any', updated_at_min: '2024-04-01T00:00:00.000Z', updated_at_max: '2024-07-01T00:00:00.000Z', limit: '250', order: 'id asc' });
    expect(next.map((query) => [...query.keys()].sort())).to.deep.equal([['limit', 'page_info'], ['limit', 'page_info']]);
    expect(simulator.requests.every((request) => request.url.startsWith('/admin/api/2024-10/orders.json'))).to.equal(true);
  });

  it('given a page_info sent with another filter, then the simulator refuses it with 400 as Shopify does', async () => {
    const { simulator } = await start({ seedOrders: seedShopifyOrders({ count: 60, seed: 4 }) });
    const headers = { 'X-Shopify-Access-Token': simulator.accessToken };
    const first = await fetch(`${simulator.baseUrl}/admin/api/2024-10/orders.json?status=any&limit=50`, { headers });
    const pageInfo = nextPageInfo(first.headers.get('link'));
    expect(pageInfo).to.be.a('string');
    const mixed = await fetch(`${simulator.baseUrl}/admin/api/2024-10/orders.json?limit=50&page_info=${pageInfo}&status=any`, { headers });
    expect(mixed.status).to.equal(400);
    expect((await mixed.json()).errors).to.match(/page_info cannot be combined.*status/);
  });

  it('given orders only updated outside the window or cancelled and archived ones, then the window and status=any decide what is read', async () => {
    const seeded = seedShopifyOrders({ count: 40, seed: 5, startAt: new Date('2024-05-01T00:00:00Z') });
    const { client } = await start({ seedOrders: seeded });
    const window = { from: new Date(seeded[10].updated_at), to: new Date(seeded[20].updated_at) };
    const read = (await allPages(client.ordersUpdatedBetween(window))).flat().map((fetched) => fetched.order.externalId);
    const expected = seeded.filter((order) => Date.parse(order.updated_at) >= window.from.getTime() && Date.parse(order.updated_at) <= window.to.getTime());
    expect(read).to.deep.equal(expected.map((order) => String(order.id)).sort());
    expect(expected.some((order) => order.cancelled_at || order.closed_at), 'the window holds cancelled or archived orders').to.equal(true);
  });

  it('given a small bucket, when many requests are made one after another, then the call-limit header paces them and none is refused', async () => {
    const { simulator, client } = await start({ seedOrders: seedShopifyOrders({ count: 1, seed: 6 }), bucketSize: 4, leakPerSecond: 2 });
    const id = String(simulator.orders.all()[0].id);
    for (let call = 0; call < 10; call++) expect((await client.order(id))?.kind).to.equal('order');
    expect(simulator.rateLimitedCount).to.equal(0);
    expect(simulator.requests.map((request) => Number(request.callLimit!.split('/')[0])).every((used) => used <= 4)).to.equal(true);
  });

  it('given a full bucket, when the adapter is refused with 429, then it waits the Retry-After and gets its answer', async () => {
    const { simulator, client } = await start({ seedOrders: seedShopifyOrders({ count: 1, seed: 7 }), bucketSize: 2, leakPerSecond: 2 });
    const headers = { 'X-Shopify-Access-Token': simulator.accessToken };
    // Someone else's requests fill the bucket behind the adapter's back.
    for (let call = 0; call < 2; call++) await (await fetch(`${simulator.baseUrl}/admin/api/2024-10/orders.json`, { headers })).text();
    const fetched = await client.order(String(simulator.orders.all()[0].id));
    expect(fetched?.kind).to.equal('order');
    expect(simulator.rateLimitedCount).to.equal(1);
    const [refused, retried] = simulator.requests.slice(-2);
    expect(refused.status).to.equal(429);
    expect(retried.at - refused.at).to.be.at.least(400);
  });

  it('given a wrong token, then the request is refused with Shopify words and without the token', async () => {
    const { simulator } = await start();
    const client = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { accessToken: 'shpat_wrong_secret_token' } });
    const error = await allPages(client.ordersUpdatedBetween(MAY)).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 401 });
    expect((error as Error).message).to.match(/Shopify refused GET \/orders\.json\?\S* \(401 Unauthorized\)$|Shopify refused GET \/orders\.json \(401 Unauthorized\)$/);
    expect((error as PlatformRequestError).detail).to.match(/\[API\] Invalid API key or access token/);
    expect(`${(error as Error).message} ${(error as PlatformRequestError).detail}`).not.to.contain('shpat_wrong_secret_token');
  });

  it('given an unknown or non-numeric id, then order() answers undefined', async () => {
    const { client } = await start({ seedOrders: seedShopifyOrders({ count: 1, seed: 8 }) });
    expect(await client.order('1234')).to.equal(undefined);
    expect(await client.order('../shop')).to.equal(undefined);
  });

  describe('status write-back', () => {
    let simulator: ShopifySimulator;
    let client: PlatformClient;
    const open = () =>
      simulator.orders.all().filter((order) => !order.cancelled_at && !order.closed_at && order.fulfillment_status === null && order.financial_status === 'paid');

    before(async () => ({ simulator, client } = await start({ seedOrders: seedShopifyOrders({ count: 40, seed: 9 }) })));

    it('given cancelled, then the cancel endpoint is called and the order reads back as cancelled', async () => {
      const id = open()[0].id as number;
      await client.changeOrderStatus(String(id), 'cancelled');
      expect(simulator.statusChanges.filter((change) => change.orderId === id).map((change) => change.action)).to.deep.equal(['cancel']);
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('cancelled');
    });

    it('given closed, then the close endpoint archives the order', async () => {
      const id = open()[0].id as number;
      await client.changeOrderStatus(String(id), 'closed');
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('closed');
    });

    it('given fulfilled, then the open fulfillment order is fulfilled', async () => {
      const id = open()[0].id as number;
      await client.changeOrderStatus(String(id), 'fulfilled');
      expect(simulator.statusChanges.at(-1)).to.include({ orderId: id, action: 'fulfil' });
      const back = await client.order(String(id));
      expect(back?.kind === 'order' && back.order.status).to.equal('fulfilled');
    });

    it('given a status Shopify derives from payments, then nothing is sent and the refusal says why', async () => {
      const before = simulator.requestCount;
      const error = await client.changeOrderStatus(String(open()[0].id), 'paid').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect((error as Error).message).to.match(/Shopify cannot set the status "paid" by API.*only cancelled, closed, fulfilled/);
      expect(simulator.requestCount).to.equal(before);
    });

    it('given an order cancelled already, then cancelling again is refused with Shopify words', async () => {
      const id = simulator.statusChanges[0].orderId;
      const error = await client.changeOrderStatus(String(id), 'cancelled').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError).and.to.include({ status: 422 });
      expect((error as PlatformRequestError).detail).to.contain('Order has already been cancelled');
    });
  });
});

describe('Shopify call-limit pacing', () => {
  it('reads the call-limit header', () => {
    expect(readCallLimit('32/40')).to.deep.equal({ used: 32, size: 40 });
    expect(readCallLimit(' 3 / 4 ')).to.deep.equal({ used: 3, size: 4 });
    expect(readCallLimit('nonsense')).to.equal(undefined);
    expect(readCallLimit(null)).to.equal(undefined);
  });

  it('given a bucket of 40 leaking 2 a second, then 36 go at once and the rest wait for the leak, in order', async () => {
    let clock = 0;
    const waits: number[] = [];
    const bucket = new ShopifyCallBucket(40, 2, () => clock, async (ms) => void (waits.push(ms), (clock += ms)));
    for (let request = 0; request < 38; request++) await bucket.take();
    expect(waits).to.deep.equal([500, 500]);
    expect(clock).to.equal(1000);
  });

  it('given the shop says the bucket is fuller than this client knows (another client), then the next request waits for it to drain', async () => {
    let clock = 0;
    const waits: number[] = [];
    const bucket = new ShopifyCallBucket(40, 2, () => clock, async (ms) => void (waits.push(ms), (clock += ms)));
    await bucket.take();
    bucket.observe({ used: 4, size: 4 });
    await bucket.take();
    expect(waits).to.deep.equal([1000]);
  });
});

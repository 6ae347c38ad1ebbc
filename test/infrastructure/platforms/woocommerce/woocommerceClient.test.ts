import { expect } from 'chai';
import { PlatformRequestError, type FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import type { HttpTuning } from '../../../../src/infrastructure/platforms/http/platformHttp.js';
import { woocommerceClientFor } from '../../../../src/infrastructure/platforms/woocommerce/index.js';
import { woocommerceEndpoints } from '../../../../src/infrastructure/platforms/woocommerce/woocommerceEndpoints.js';
import {
  seedWooCommerceOrders,
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from '../../../../simulators/woocommerce/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const KEY = 'ck_client_test_4e1a';
const SECRET = 'cs_client_test_9b7f';
const START = new Date('2024-05-01T08:00:00Z');

describe('WooCommerce client against the simulator', function () {
  before(allowLocalPlatforms);
  this.timeout(30_000);
  let simulator: WooCommerceSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  // Each test gets a key of its own, so the process-wide pacer of one test never slows another.
  let keyCount = 0;
  async function start(options: Partial<WooCommerceSimulatorOptions> = {}, tuning: HttpTuning = {}) {
    const consumerKey = `${KEY}_${++keyCount}`;
    simulator = await startWooCommerceSimulator({ consumerKey, consumerSecret: SECRET, ...options });
    const client = woocommerceClientFor({ platform: 'woocommerce', baseUrl: simulator.baseUrl, credentials: { consumerKey, consumerSecret: SECRET } }, { backoffBaseMs: 10, ...tuning });
    return { client, sim: simulator, consumerKey };
  }
  const collect = async (pages: AsyncIterable<FetchedOrder[]>) => {
    const all: FetchedOrder[] = [];
    for await (const page of pages) all.push(...page);
    return all;
  };

  it('given a site URL or the API URL, then both lead to /wp-json/wc/v3 and the admin order page', () => {
    for (const base of ['https://shop.example.com', 'https://shop.example.com/', 'https://shop.example.com/wp-json/wc/v3/']) {
      const endpoints = woocommerceEndpoints(base);
      expect(endpoints.apiBaseUrl).to.equal('https://shop.example.com/wp-json/wc/v3');
      expect(endpoints.orderUrl('42')).to.equal('https://shop.example.com/wp-admin/post.php?post=42&action=edit');
    }
  });

  it('given orders over several pages, then every order in the window is read once, walking to X-WP-TotalPages', async () => {
    const seeded = seedWooCommerceOrders({ count: 230, startAt: START, seed: 9 });
    const { client, sim } = await start({ seedOrders: seeded });
    const orders = await collect(client.ordersUpdatedBetween({ from: new Date(START.getTime() - 86_400_000), to: new Date('2024-06-01T00:00:00Z') }));
    expect(orders.map((o) => o.order.externalId)).to.deep.equal(seeded.map((o) => String(o.id)));
    expect(sim.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('page'))).to.deep.equal(['1', '2', '3']);
  });

  it('given orders modified exactly at the window edges, then both are in: the window is inclusive though WordPress filters are not', async () => {
    const seeded = seedWooCommerceOrders({ count: 3, startAt: START, seed: 2 });
    const { client } = await start({ seedOrders: seeded });
    const at = (gmt: string) => new Date(`${gmt}Z`);
    const orders = await collect(client.ordersUpdatedBetween({ from: at(seeded[0].date_modified_gmt), to: at(seeded[1].date_modified_gmt) }));
    const ids = orders.map((o) => o.order.externalId);
    expect(ids).to.include.members([String(seeded[0].id), String(seeded[1].id)]);
  });

  it('given a host limit as tight as the client pace, then a burst of stock writes is paced without a single 429', async () => {
    const seeded = seedWooCommerceOrders({ count: 40, products: 12, startAt: START, seed: 4 });
    const { client, sim } = await start({ seedOrders: seeded, requestsPerMinute: 4, windowMs: 400 }, { requestsPerMinute: 4, rateWindowMs: 400 });
    const levels = sim.catalogue.filter((p) => p.type !== 'variable').map((p, index) => ({ sku: p.sku, quantity: index }));
    await client.pushStock!(levels, null);
    expect(sim.stockWrites).to.have.length(levels.length);
    expect(sim.rateLimitedCount).to.equal(0);
  });

  it('given a host that answers 429 with Retry-After, then the client waits and the writes still all arrive once', async () => {
    const seeded = seedWooCommerceOrders({ count: 20, products: 6, startAt: START, seed: 4 });
    const { client, sim } = await start({ seedOrders: seeded, requestsPerMinute: 3, windowMs: 1000 }, { requestsPerMinute: 1000 });
    const levels = sim.catalogue.filter((p) => p.type === 'simple').map((p) => ({ sku: p.sku, quantity: 5 }));
    await client.pushStock!(levels, null);
    expect(sim.rateLimitedCount).to.be.greaterThan(0);
    expect(sim.stockWrites.map((w) => w.sku).sort()).to.deep.equal(levels.map((l) => l.sku).sort());
  });

  it('given variations and an unknown SKU, then variations are written through their parent, the unknown one skipped, lookups cached', async () => {
    const seeded = seedWooCommerceOrders({ count: 30, products: 6, startAt: START, seed: 8 });
    const { client, sim } = await start({ seedOrders: seeded });
    const variation = sim.catalogue.find((p) => p.type === 'variation')!;
    const simple = sim.catalogue.find((p) => p.type === 'simple')!;
    await client.pushStock!([{ sku: variation.sku, quantity: 7 }, { sku: simple.sku, quantity: 3 }, { sku: 'NOT-IN-SHOP', quantity: 1 }], null);
    await client.pushStock!([{ sku: variation.sku, quantity: 6 }], null);
    expect(sim.stockWrites.map(({ at, ...w }) => w)).to.deep.equal([
      { productId: variation.id, parentId: variation.parent_id, sku: variation.sku, quantity: 7 },
      { productId: simple.id, sku: simple.sku, quantity: 3 },
      { productId: variation.id, parentId: variation.parent_id, sku: variation.sku, quantity: 6 },
    ]);
    expect(sim.requests.filter((r) => r.url.startsWith('/wp-json/wc/v3/products?'))).to.have.length(1);
    const puts = sim.requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url, sim.baseUrl).pathname);
    expect(puts[0]).to.equal(`/wp-json/wc/v3/products/${variation.parent_id}/variations/${variation.id}`);
  });

  it('given one order, then it is read by id; an unknown id is undefined; a status is written with PUT', async () => {
    const seeded = seedWooCommerceOrders({ count: 2, startAt: START, seed: 1 });
    const { client, sim } = await start({ seedOrders: seeded });
    expect((await client.order(String(seeded[1].id)))?.kind).to.equal('order');
    expect(await client.order('999999')).to.equal(undefined);
    expect(await client.order('../products')).to.equal(undefined);
    await client.changeOrderStatus(String(seeded[0].id), 'completed');
    expect(sim.statusChanges.map((c) => c.to)).to.deep.equal(['completed']);
    const refused = await client.changeOrderStatus(String(seeded[0].id), 'teleported').catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(PlatformRequestError);
    expect((refused as Error).message).to.match(/refused PUT \/orders\/\d+ \(400 Bad Request\)$/);
    expect((refused as PlatformRequestError).detail).to.match(/^Invalid parameter\(s\): status/);
    expect((await client.statuses()).map((s) => s.id)).to.deep.equal(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed']);
  });

  it('given wrong credentials, then the refusal says so in WooCommerce words and holds no secret', async () => {
    const { sim } = await start();
    const wrong = woocommerceClientFor({ platform: 'woocommerce', baseUrl: sim.baseUrl, credentials: { consumerKey: 'ck_wrong_key_1', consumerSecret: 'cs_wrong_secret_1', webhookSecret: 'wh_wrong_1' } });
    const error = (await wrong.order('1').catch((e: unknown) => e)) as Error;
    expect(error).to.be.instanceOf(PlatformRequestError);
    expect(error!.message).to.equal('WooCommerce refused GET /orders/1 (401 Unauthorized)');
    expect((error as PlatformRequestError).detail).to.equal('Consumer key is invalid. (woocommerce_rest_authentication_error)');
    for (const secret of ['ck_wrong_key_1', 'cs_wrong_secret_1', 'wh_wrong_1']) expect(`${error!.message} ${(error as PlatformRequestError).detail}`).not.to.contain(secret);
  });

  it('given the catalogue, then products() lists products (not variations) page by page', async () => {
    const seeded = seedWooCommerceOrders({ count: 60, products: 15, startAt: START, seed: 6 });
    const { client, sim } = await start({ seedOrders: seeded });
    const listed: string[] = [];
    for await (const page of client.products!()) for (const p of page) if (p.kind === 'product') listed.push(p.product.externalId);
    expect(listed).to.deep.equal(sim.catalogue.filter((p) => p.type !== 'variation').map((p) => String(p.id)));
  });
});

import { expect } from 'chai';
import {
  PlatformRequestError,
  PlatformUnavailableError,
  type FetchedOrder,
  type PlatformOrder,
} from '../../../../src/application/ports/platformClient.js';
import { keycrmClientFor } from '../../../../src/infrastructure/platforms/keycrm/index.js';
import { KeycrmClient, type KeycrmClientOptions } from '../../../../src/infrastructure/platforms/keycrm/keycrmClient.js';
import { keycrmEndpoints } from '../../../../src/infrastructure/platforms/keycrm/keycrmEndpoints.js';
import { retryAfterMs } from '../../../../src/infrastructure/platforms/http/retry.js';
import type { KeycrmOrderProductRecord, KeycrmOrderRecord } from '../../../../simulators/keycrm/keycrmOrderRecord.js';
import { emptyShipping } from '../../../../simulators/keycrm/keycrmOrderStore.js';
import {
  seedKeycrmOrders,
  startKeycrmSimulator,
  type KeycrmSimulator,
  type KeycrmSimulatorOptions,
} from '../../../../simulators/keycrm/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const API_KEY = 'client-test-key-9f2c';
const MAY_1 = { from: new Date('2024-05-01T00:00:00Z'), to: new Date('2024-05-01T23:59:59Z') };

function line(overrides: Partial<KeycrmOrderProductRecord> & { offerSku?: string; offerProperties?: KeycrmOrderProductRecord['properties'] } = {}): KeycrmOrderProductRecord {
  const { offerSku, offerProperties, ...fields } = overrides;
  const sku = fields.sku ?? 'KC-104';
  const price = fields.price ?? 199.99;
  return {
    name: 'Кружка',
    sku,
    price,
    price_sold: price,
    purchased_price: 90,
    discount_percent: null,
    discount_amount: null,
    total_discount: null,
    quantity: 1,
    unit_type: null,
    upsale: false,
    comment: null,
    product_status_id: 1,
    picture: null,
    properties: [],
    shipment_type: 'warehouse',
    offer: {
      id: 20,
      product_id: 4,
      sku: offerSku ?? sku,
      barcode: null,
      price,
      purchased_price: 90,
      quantity: 10,
      weight: null,
      length: null,
      width: null,
      height: null,
      properties: offerProperties ?? [],
    },
    ...fields,
  };
}

/** A well-formed order updated on 1 May 2024, as raw JSON to break at will. */
function orderJson(id: number, overrides: Partial<KeycrmOrderRecord> = {}): Record<string, unknown> {
  return { ...seedKeycrmOrders({ count: 1, firstId: id })[0], updated_at: '2024-05-01 10:00:00', ...overrides };
}

const ordersOf = (pages: FetchedOrder[][]) => pages.flat().flatMap((fetched) => (fetched.kind === 'order' ? [fetched.order] : []));

async function allPages(iterable: AsyncIterable<FetchedOrder[]>): Promise<FetchedOrder[][]> {
  const pages: FetchedOrder[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('KeyCRM client over HTTP', function () {
  before(allowLocalPlatforms);
  this.timeout(10_000);
  const running: KeycrmSimulator[] = [];
  const simulator = async (options: Partial<KeycrmSimulatorOptions> = {}) => {
    const started = await startKeycrmSimulator({ apiKey: API_KEY, requestsPerMinute: 0, ...options });
    running.push(started);
    return started;
  };
  const clientOf = (sim: KeycrmSimulator, options: Partial<KeycrmClientOptions> = {}) =>
    new KeycrmClient({ baseUrl: sim.baseUrl, apiKey: API_KEY, requestsPerMinute: 10_000, backoffBaseMs: 5, ...options });
  const requestsTo = (sim: KeycrmSimulator, path: string) => sim.requests.filter((request) => request.url.split('?')[0] === `/v1${path}`);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((started) => started.close()));
  });

  describe('reading orders', () => {
    it('given 120 orders in the window, when read, then 3 pages of limit 50 are walked to the last and every order comes once', async () => {
      const sim = await simulator({ seedOrders: seedKeycrmOrders({ count: 120, startAt: new Date('2024-05-01T00:00:00Z') }) });
      const pages = await allPages(clientOf(sim).ordersUpdatedBetween({ from: new Date('2024-04-30T00:00:00Z'), to: new Date('2024-05-31T00:00:00Z') }));
      expect(pages.map((page) => page.length)).to.deep.equal([50, 50, 20]);
      const ids = ordersOf(pages).map((order) => order.externalId);
      expect(new Set(ids).size).to.equal(120);
      const listed = requestsTo(sim, '/order').map((request) => new URL(request.url, 'http://x').searchParams);
      expect(listed.map((query) => [query.get('page'), query.get('limit'), query.get('sort')])).to.deep.equal([
        ['1', '50', 'id'],
        ['2', '50', 'id'],
        ['3', '50', 'id'],
      ]);
      expect(listed[0].get('include')).to.equal('buyer,products.offer,manager,shipping');
    });

    it('given orders on both sides of the window, then only those inside come back, both bounds inclusive, the window sent in UTC', async () => {
      const sim = await simulator();
      const at = ['2024-05-01 09:59:59', '2024-05-01 10:00:00', '2024-05-01 12:00:00', '2024-05-01 12:00:01'];
      at.forEach((updatedAt, index) => sim.orders.addRawOrder(orderJson(index + 1, { updated_at: updatedAt })));
      // The same instants written with a +03:00 offset: the adapter must send them as UTC.
      const window = { from: new Date('2024-05-01T13:00:00+03:00'), to: new Date('2024-05-01T15:00:00.900+03:00') };
      const orders = ordersOf(await allPages(clientOf(sim).ordersUpdatedBetween(window)));
      expect(orders.map((order) => order.updatedAt)).to.deep.equal(['2024-05-01T10:00:00.000Z', '2024-05-01T12:00:00.000Z']);
      const query = new URL(requestsTo(sim, '/order')[0].url, 'http://x').searchParams;
      expect(query.get('filter[updated_between]')).to.equal('2024-05-01 10:00:00, 2024-05-01 12:00:00');
    });

    it('given an order with buyer, variant, discount and delivery, then every PlatformOrder field is mapped, money in minor units', async () => {
      const sim = await simulator();
      sim.orders.addOrder({
        id: 501,
        source_uuid: 'WS-777',
        status_id: 2,
        manager_id: 2,
        buyer_comment: 'Подзвоніть перед доставкою',
        created_at: '2024-05-01 08:15:00',
        updated_at: '2024-05-01 09:30:45',
        promocode: 'SPRING',
        discount_amount: 20,
        shipping_price: 70,
        buyer: { id: 9, full_name: 'Олена Марія Коваленко', email: 'olena@example.com', phone: '+380671234567', company_id: null, manager_id: null },
        products: [
          line({
            name: 'Футболка бавовна',
            sku: 'KC-101',
            price: 499.5,
            price_sold: 449.55,
            quantity: 2,
            offerSku: 'KC-101-BLK-M',
            offerProperties: [
              { name: 'Колір', value: 'Чорний' },
              { name: 'Розмір', value: 'M' },
            ],
          }),
          line({ comment: 'Подарункова упаковка' }),
        ],
        shipping: {
          ...emptyShipping(),
          delivery_service_id: 1,
          shipping_address_city: 'Київ',
          shipping_address_region: 'Київська',
          shipping_address_zip: '01001',
          shipping_address_country: 'Україна',
          shipping_receive_point: 'Відділення №12',
          recipient_full_name: 'Ганна Петренко',
        },
      });
      const client = clientOf(sim, { orderUrlBase: 'https://acme.keycrm.app/app/orders/view/' });
      const [fetched] = (await allPages(client.ordersUpdatedBetween(MAY_1))).flat();
      const expected: PlatformOrder = {
        externalId: '501',
        number: '501',
        platformUrl: 'https://acme.keycrm.app/app/orders/view/501',
        createdAt: '2024-05-01T08:15:00.000Z',
        updatedAt: '2024-05-01T09:30:45.000Z',
        status: '2',
        currency: 'UAH',
        buyer: { firstName: 'Олена', lastName: 'Марія Коваленко', phone: '+380671234567', email: 'olena@example.com' },
        managerId: '2',
        sourceNumber: 'WS-777',
        paymentStatus: 'unpaid',
        items: [
          {
            externalProductId: '4',
            sku: 'KC-101-BLK-M',
            name: 'Футболка бавовна',
            quantity: 2,
            price: 44955,
            variant: { parentSku: 'KC-101', parentName: 'Футболка бавовна', properties: { Колір: 'Чорний', Розмір: 'M' } },
          },
          { externalProductId: '4', sku: 'KC-104', name: 'Кружка', description: 'Подарункова упаковка', quantity: 1, price: 19999 },
        ],
        discounts: [{ name: 'Order discount (promo code SPRING)', amount: 2000 }],
        delivery: { method: 'Нова Пошта', cost: 7000, recipient: 'Ганна Петренко', address: 'Відділення №12, Київ, Київська, 01001, Україна' },
        // 2 × 449.55 + 199.99 − 20 + 70
        total: 114909,
        comment: 'Подзвоніть перед доставкою',
      };
      expect(fetched).to.deep.equal({ kind: 'order', order: expected });
    });

    it('given an order created with a percent discount and no delivery, then it is read back as total_discount, and there is no delivery', async () => {
      const sim = await simulator();
      // grand_total left out so the simulator computes it as KeyCRM would: 3 × 100 − 10%.
      const fields = { discount_percent: 10, discount_amount: null, promocode: null, shipping: null, shipping_price: 0, products: [line({ price: 100, quantity: 3 })] };
      sim.orders.addOrder({ ...(orderJson(3, fields) as Partial<KeycrmOrderRecord>), grand_total: undefined });
      const [order] = ordersOf(await allPages(clientOf(sim).ordersUpdatedBetween(MAY_1)));
      // discount_percent is a create-only field: a read order says only how much (total_discount).
      expect(order.discounts).to.deep.equal([{ name: 'Order discount', amount: 3000 }]);
      expect(order).to.not.have.property('delivery');
      expect(order.total).to.equal(27000);
    });

    it('given malformed orders amid good ones, then each comes back malformed naming its field and the others are still mapped', async () => {
      const sim = await simulator();
      const withoutId = orderJson(4);
      delete withoutId.id;
      sim.orders.addRawOrder(orderJson(1));
      sim.orders.addRawOrder(orderJson(2, { products: [line({ quantity: -2 })] }));
      sim.orders.addRawOrder({ ...orderJson(3), grand_total: '149.90' });
      sim.orders.addRawOrder(withoutId);
      sim.orders.addRawOrder(orderJson(5, { products: [line({ name: 'x'.repeat(1001) })] }));
      sim.orders.addRawOrder(orderJson(6, { source_id: 42 }));
      sim.orders.addRawOrder(orderJson(7));
      const [page] = await allPages(clientOf(sim).ordersUpdatedBetween(MAY_1));
      const malformed = page.flatMap((fetched) => (fetched.kind === 'malformed' ? [fetched.order] : []));
      expect(ordersOf([page]).map((order) => order.externalId)).to.deep.equal(['1', '7']);
      expect(malformed.map((order) => order.externalId)).to.deep.equal(['2', '3', undefined, '5', '6']);
      expect(malformed[0].reason).to.contain('products[0].quantity').and.contain('negative');
      expect(malformed[1].reason).to.contain('grand_total').and.contain('must be a number');
      expect(malformed[2].reason).to.contain('without an id').and.contain('id must be a positive integer id');
      expect(malformed[3].reason).to.contain('products[0].name').and.contain('1001 characters');
      expect(malformed[4].reason).to.contain('currency').and.contain('source 42');
    });

    it('given an order leaves the window while its pages are walked, then every order still in it is read once, none skipped', async () => {
      const sim = await simulator({ seedOrders: seedKeycrmOrders({ count: 120, startAt: new Date('2024-05-01T00:00:00Z') }) });
      const window = { from: new Date('2024-04-30T00:00:00Z'), to: new Date('2024-05-31T00:00:00Z') };
      const seen: string[] = [];
      let edited = false;
      for await (const page of clientOf(sim).ordersUpdatedBetween(window)) {
        seen.push(...ordersOf([page]).map((order) => order.externalId));
        // Someone edits order 3 in KeyCRM now: it leaves the window and page 2 shifts by one.
        if (!edited) sim.orders.updateOrder(3, { manager_comment: 'edited' });
        edited = true;
      }
      expect(seen).to.have.length(120);
      expect(new Set(seen).size).to.equal(120);
    });

    it('given an order id, then order() maps it, and an unknown id is undefined', async () => {
      const sim = await simulator();
      sim.orders.addRawOrder(orderJson(12));
      const client = clientOf(sim);
      const found = await client.order('12');
      expect(found?.kind === 'order' && found.order.externalId).to.equal('12');
      expect(await client.order('13')).to.equal(undefined);
      expect(await client.order('../status')).to.equal(undefined);
      expect(requestsTo(sim, '/order/13')).to.have.length(1);
    });
  });

  describe('statuses', () => {
    it("given the account's statuses, then statuses() lists them by id as strings", async () => {
      const sim = await simulator();
      const statuses = await clientOf(sim).statuses();
      expect(statuses).to.have.length(6);
      expect(statuses[0]).to.deep.equal({ id: '1', name: 'Новий' });
    });

    it('given 60 statuses, then statuses() walks both pages', async () => {
      const many = Array.from({ length: 60 }, (_, index) => ({ id: index + 1, name: `Статус ${index + 1}`, alias: `s${index + 1}`, is_active: true, group_id: 1, is_closing_order: false, is_reserved: false, created_at: '2024-01-01 00:00:00', updated_at: '2024-01-01 00:00:00' }));
      const sim = await simulator({ statuses: many });
      const statuses = await clientOf(sim).statuses();
      expect(statuses.map((status) => status.id)).to.deep.equal(many.map((status) => String(status.id)));
      expect(requestsTo(sim, '/order/status')).to.have.length(2);
    });

    it('given a status change, then one PUT reaches KeyCRM with the status id and the order shows it', async () => {
      const sim = await simulator();
      sim.orders.addRawOrder(orderJson(8, { status_id: 1 }));
      const client = clientOf(sim);
      await client.changeOrderStatus('8', '4');
      expect(sim.statusChanges.map(({ orderId, from, to }) => ({ orderId, from, to }))).to.deep.equal([{ orderId: 8, from: 1, to: 4 }]);
      expect(requestsTo(sim, '/order/8').filter((request) => request.method === 'PUT')).to.have.length(1);
      const after = await client.order('8');
      expect(after?.kind === 'order' && after.order.status).to.equal('4');
    });

    it('given a status KeyCRM does not have, then PlatformRequestError carries KeyCRM’s message and nothing changes', async () => {
      const sim = await simulator();
      sim.orders.addRawOrder(orderJson(8));
      const error = await clientOf(sim).changeOrderStatus('8', '99').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError);
      expect((error as PlatformRequestError).status).to.equal(422);
      expect((error as Error).message).to.equal('KeyCRM refused PUT /order/8 (422 Unprocessable Entity)');
      expect((error as PlatformRequestError).detail).to.contain('status_id: The selected status id is invalid.');
      expect(sim.statusChanges).to.have.length(0);
    });
  });

  describe('rate limit, retries and failures', () => {
    it('given a limit of 5 per window shared by two clients of the key, when 11 requests are made at once, then none is refused with 429', async () => {
      const sim = await simulator({ requestsPerMinute: 5, windowMs: 1000 });
      const paced = { requestsPerMinute: 5, rateWindowMs: 1000 };
      const clients = [clientOf(sim, paced), clientOf(sim, paced)];
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 11 }, (_, index) => clients[index % 2].statuses()));
      expect(results.every((statuses) => statuses.length === 6)).to.equal(true);
      expect(sim.rateLimitedCount).to.equal(0);
      // 11 requests at 5 per second need a third window.
      expect(Date.now() - started).to.be.at.least(2000);
    });

    it('given a 429 with Retry-After, then the next request waits at least that long and then succeeds', async () => {
      const sim = await simulator({ requestsPerMinute: 2, windowMs: 1000 });
      const client = clientOf(sim);
      for (let index = 0; index < 3; index++) expect(await client.statuses()).to.have.length(6);
      const refusedAt = sim.requests.findIndex((request) => request.status === 429);
      expect(refusedAt).to.be.greaterThan(-1);
      const refused = sim.requests[refusedAt];
      const next = sim.requests[refusedAt + 1];
      expect(next.at - refused.at).to.be.at.least(refused.retryAfterMs! - 5);
      expect(next.status).to.equal(200);
    });

    it('given Retry-After as seconds or an HTTP date, then the wait is read from either', () => {
      const now = Date.parse('2024-05-01T10:00:00Z');
      expect(retryAfterMs('2', now)).to.equal(2000);
      expect(retryAfterMs('Wed, 01 May 2024 10:00:03 GMT', now)).to.equal(3000);
      expect(retryAfterMs('soon', now)).to.equal(undefined);
    });

    it('given two 503 answers, then the request is retried and succeeds', async () => {
      const sim = await simulator();
      sim.failNext(2, { status: 503 });
      expect(await clientOf(sim).statuses()).to.have.length(6);
      expect(requestsTo(sim, '/order/status').map((request) => request.status)).to.deep.equal([503, 503, 200]);
    });

    it('given 408 and 409 once each (slow or busy for now), then they are tried again like a 503 and the request succeeds', async () => {
      const sim = await simulator();
      sim.failNext(1, { status: 408 });
      sim.failNext(1, { status: 409 });
      expect(await clientOf(sim).statuses()).to.have.length(6);
      expect(requestsTo(sim, '/order/status').map((request) => request.status)).to.deep.equal([408, 409, 200]);
    });

    it('given a refusal of the request itself (422), then PlatformRequestError at once, permanent; a 401 is transient', async () => {
      const sim = await simulator();
      sim.failNext(1, { status: 422 });
      const refused = await clientOf(sim).statuses().catch((caught: unknown) => caught);
      expect(refused).to.be.instanceOf(PlatformRequestError);
      expect((refused as PlatformRequestError).kind).to.equal('permanent');
      expect(requestsTo(sim, '/order/status')).to.have.length(1);
      const unauthorised = await clientOf(sim, { apiKey: 'another-wrong-key-0001' }).statuses().catch((caught: unknown) => caught);
      expect((unauthorised as PlatformRequestError).kind).to.equal('transient');
    });

    it('given 503 on every attempt, then PlatformUnavailableError after maxAttempts', async () => {
      const sim = await simulator();
      sim.failNext(10, { status: 503 });
      const error = await clientOf(sim, { maxAttempts: 3 }).statuses().catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformUnavailableError);
      expect((error as Error).message).to.contain('HTTP 503');
      expect(requestsTo(sim, '/order/status')).to.have.length(3);
    });

    it('given answers slower than the timeout, then each attempt is abandoned and the error says so', async () => {
      const sim = await simulator();
      sim.failNext(2, { delayMs: 400 });
      const error = await clientOf(sim, { maxAttempts: 2, timeoutMs: 150 }).statuses().catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformUnavailableError);
      expect((error as Error).message).to.contain('no answer within 150 ms');
      expect(requestsTo(sim, '/order/status')).to.have.length(2);
    });

    it('given a non-JSON 200 once, then it counts as a failed attempt and the retry succeeds', async () => {
      const sim = await simulator();
      sim.failNext(1, { status: 200, body: '<html>maintenance</html>' });
      expect(await clientOf(sim).statuses()).to.have.length(6);
      sim.failNext(2, { status: 200, body: '<html>maintenance</html>' });
      const error = await clientOf(sim, { maxAttempts: 2 }).statuses().catch((caught: unknown) => caught);
      expect((error as Error).message).to.contain('not JSON');
    });

    it('given an answer over the size cap, then it is not read whole and the error says why', async () => {
      const sim = await simulator();
      sim.failNext(2, { status: 200, body: 'x'.repeat(20_000) });
      const error = await clientOf(sim, { maxAttempts: 2, maxBodyBytes: 8_000 }).statuses().catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformUnavailableError);
      expect((error as Error).message).to.contain('larger than 8000 bytes');
    });

    it('given a wrong API key, then PlatformRequestError 401 at once, with KeyCRM’s message and without the key', async () => {
      const sim = await simulator();
      const wrongKey = 'wrong-secret-key-123456';
      const error = await clientOf(sim, { apiKey: wrongKey }).order('1').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PlatformRequestError);
      expect((error as PlatformRequestError).status).to.equal(401);
      expect((error as PlatformRequestError).detail).to.contain('Unauthenticated').and.not.contain(wrongKey).and.not.contain(API_KEY);
      expect((error as Error).message).to.match(/\(401 Unauthorized\)$/).and.not.contain(wrongKey).and.not.contain(API_KEY);
      expect(sim.requestCount).to.equal(1);
    });
  });

  describe('the factory', () => {
    it('given an account URL, then the API is openapi.keycrm.app and order links point into the account', () => {
      expect(keycrmEndpoints('https://acme.keycrm.app')).to.deep.equal({
        apiBaseUrl: 'https://openapi.keycrm.app/v1',
        orderUrlBase: 'https://acme.keycrm.app/app/orders/view/',
      });
      expect(keycrmEndpoints('https://openapi.keycrm.app/v1')).to.deep.equal({ apiBaseUrl: 'https://openapi.keycrm.app/v1' });
    });

    it('given a connection with an apiKey, then the client it builds talks to that KeyCRM', async () => {
      const sim = await simulator();
      const client = keycrmClientFor({ platform: 'keycrm', baseUrl: sim.baseUrl, credentials: { apiKey: API_KEY } });
      expect(client.platform).to.equal('keycrm');
      expect(await client.statuses()).to.have.length(6);
      expect(() => keycrmClientFor({ platform: 'keycrm', baseUrl: sim.baseUrl, credentials: {} })).to.throw(PlatformRequestError, /apiKey/);
    });
  });
});

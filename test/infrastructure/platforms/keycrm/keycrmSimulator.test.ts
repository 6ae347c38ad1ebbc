import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator, type KeycrmSimulatorOptions } from '../../../../simulators/keycrm/index.js';

const API_KEY = 'simulator-test-key';

describe('KeyCRM simulator', () => {
  const running: KeycrmSimulator[] = [];
  const start = async (options: Partial<KeycrmSimulatorOptions> = {}) => {
    const simulator = await startKeycrmSimulator({ apiKey: API_KEY, requestsPerMinute: 0, ...options });
    running.push(simulator);
    return simulator;
  };
  const get = (simulator: KeycrmSimulator, path: string, key = API_KEY) =>
    fetch(`${simulator.baseUrl}${path}`, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((simulator) => simulator.close()));
  });

  it('given no or a wrong Bearer key, when orders are requested, then 401 and no orders are served', async () => {
    const simulator = await start({ seedOrders: seedKeycrmOrders({ count: 3 }) });
    const wrong = await get(simulator, '/order', 'not-the-key');
    const missing = await fetch(`${simulator.baseUrl}/order`);
    expect(wrong.status).to.equal(401);
    expect(missing.status).to.equal(401);
    expect(await wrong.json()).to.deep.equal({ message: 'Unauthenticated.' });
  });

  it('given 120 orders, when page 3 is asked with limit 50, then the spec\'s paginated envelope says so and holds the last 20', async () => {
    const simulator = await start({ seedOrders: seedKeycrmOrders({ count: 120 }) });
    const body = await (await get(simulator, '/order?limit=50&page=3&sort=id')).json();
    expect(body).to.include({ total: 120, current_page: 3, per_page: 50 });
    expect(body.data.map((order: { id: number }) => order.id)).to.deep.equal(Array.from({ length: 20 }, (_, index) => 101 + index));
    expect(body.last_page_url).to.match(/page=3/);
    // PaginatedResponse has no last_page, from, to or prev_page_url, and next_page_url is a string: on the last page it is left out.
    expect(Object.keys(body).sort()).to.deep.equal(['current_page', 'data', 'first_page_url', 'last_page_url', 'per_page', 'total']);
    const defaults = await (await get(simulator, '/order')).json();
    expect(defaults).to.include({ per_page: 15, current_page: 1 });
    expect(defaults.next_page_url).to.match(/page=2/);
  });

  it('given a limit above 50, then 422 names the limit, as the spec caps it', async () => {
    const simulator = await start();
    const response = await get(simulator, '/order?limit=51');
    expect(response.status).to.equal(422);
    expect((await response.json()).errors).to.have.property('limit');
  });

  it('given include, then associations appear only when named, and offers only with products.offer', async () => {
    const simulator = await start({ seedOrders: seedKeycrmOrders({ count: 5 }) });
    const bare = (await (await get(simulator, '/order')).json()).data[0];
    expect(bare).to.not.have.any.keys('buyer', 'products', 'shipping', 'status', 'manager');
    const products = (await (await get(simulator, '/order?include=products')).json()).data[0];
    expect(products.products[0]).to.not.have.property('offer');
    const full = (await (await get(simulator, '/order?include=buyer,products.offer,shipping.deliveryService,status,manager')).json()).data[0];
    expect(full.products[0].offer).to.have.property('sku');
    expect(full.status).to.include({ id: full.status_id });
    expect(full).to.have.property('buyer');
    // The spec gives shipping.deliveryService no shape, and a read order no manager_id: the manager comes as `manager`.
    expect(full).to.not.have.any.keys('manager_id', 'discount_amount', 'discount_percent');
    if (full.shipping) expect(full.shipping).to.not.have.property('delivery_service');
  });

  it('given filter[updated_between], then both bounds are inclusive and orders outside are left out', async () => {
    const simulator = await start();
    for (const updatedAt of ['2024-05-01 09:59:59', '2024-05-01 10:00:00', '2024-05-01 11:00:00', '2024-05-01 12:00:00', '2024-05-01 12:00:01']) {
      simulator.orders.addOrder({ updated_at: updatedAt, created_at: '2024-05-01 09:00:00' });
    }
    const filter = encodeURIComponent('2024-05-01 10:00:00, 2024-05-01 12:00:00');
    const body = await (await get(simulator, `/order?filter%5Bupdated_between%5D=${filter}`)).json();
    expect(body.data.map((order: { updated_at: string }) => order.updated_at)).to.deep.equal([
      '2024-05-01 10:00:00',
      '2024-05-01 11:00:00',
      '2024-05-01 12:00:00',
    ]);
  });

  it('given a limit of 3 per window, when a 4th request comes, then 429 with Retry-After and it is not served', async () => {
    const simulator = await start({ requestsPerMinute: 3, windowMs: 1000 });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push(await get(simulator, '/order/status'));
    expect(statuses.map((response) => response.status)).to.deep.equal([200, 200, 200, 429]);
    expect(statuses[3].headers.get('retry-after')).to.equal('1');
    expect(simulator.rateLimitedCount).to.equal(1);
    expect(simulator.requests[3]).to.include({ status: 429, retryAfterMs: 1000 });
  });

  it('given a PUT with status_id, then the status changes, updated_at moves and the change is logged once', async () => {
    const simulator = await start({ now: () => new Date('2024-06-01T12:00:00Z') });
    simulator.orders.addOrder({ id: 7, status_id: 1, updated_at: '2024-05-01 10:00:00' });
    const response = await fetch(`${simulator.baseUrl}/order/7`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status_id: 4 }),
    });
    expect(response.status).to.equal(202);
    expect(simulator.orders.get(7)).to.include({ status_id: 4, updated_at: '2024-06-01 12:00:00' });
    expect(simulator.statusChanges).to.deep.equal([{ orderId: 7, from: 1, to: 4, at: '2024-06-01 12:00:00' }]);
    const refused = await fetch(`${simulator.baseUrl}/order/7`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status_id: 99 }),
    });
    expect(refused.status).to.equal(422);
    expect(simulator.statusChanges).to.have.length(1);
  });

  it('given the same seed options, then the same realistic orders: variants, shipping, discounts and repeat buyers', () => {
    const first = seedKeycrmOrders({ count: 60, buyers: 15, startAt: new Date('2024-03-01T00:00:00Z') });
    const second = seedKeycrmOrders({ count: 60, buyers: 15, startAt: new Date('2024-03-01T00:00:00Z') });
    expect(first).to.deep.equal(second);
    const phones = first.map((order) => order.buyer?.phone).filter(Boolean);
    expect(new Set(phones).size).to.be.lessThan(phones.length);
    expect(first.some((order) => order.products.some((line) => line.offer.sku !== line.sku))).to.equal(true);
    expect(first.some((order) => order.shipping !== null)).to.equal(true);
    expect(first.some((order) => order.total_discount > 0)).to.equal(true);
    for (const order of first) {
      const subtotal = order.products.reduce((sum, line) => sum + line.price_sold * line.quantity, 0);
      // total_discount holds the lines' discounts too; they are already inside the sold prices.
      const onLines = order.products.reduce((sum, line) => sum + (line.total_discount ?? 0), 0);
      expect(order.grand_total).to.be.closeTo(subtotal - (order.total_discount - onLines) + order.shipping_price, 0.011);
    }
  });

  it('given failNext, then the scripted answers come first and normal service resumes', async () => {
    const simulator = await start();
    simulator.failNext(1, { status: 503 });
    simulator.failNext(1, { status: 200, body: '<html>maintenance</html>' });
    expect((await get(simulator, '/order/status')).status).to.equal(503);
    expect(await (await get(simulator, '/order/status')).text()).to.equal('<html>maintenance</html>');
    expect((await get(simulator, '/order/status')).status).to.equal(200);
  });
});

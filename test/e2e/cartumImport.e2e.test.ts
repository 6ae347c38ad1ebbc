import { expect } from 'chai';
import { pushPendingStatuses } from '../../src/application/automations/statusPush.js';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import {
  seedCartumOrders,
  startCartumSimulator,
  type CartumOrderRecord,
  type CartumSimulator,
} from '../../simulators/cartum/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const LOGIN = 'synchub-api';
const PASSWORD = 'e2e-cartum-Pa55word';
const DAY = 24 * 60 * 60 * 1000;

describe('Order import from Cartum (Horoshop), end to end over HTTP', function () {
  this.timeout(120_000);
  let simulator: CartumSimulator;
  let api: SynchubApi;
  let seeded: CartumOrderRecord[];
  let integrationId: string;
  let firstRun: any;
  let ordersPagesServed = 0;

  before(async () => {
    seeded = seedCartumOrders({ count: 300, products: 40, buyers: 120, startAt: new Date(Date.now() - 3 * DAY), seed: 7 });
    simulator = await startCartumSimulator({
      login: LOGIN,
      password: PASSWORD,
      seedOrders: seeded,
      // The shop serves 40 orders a page whatever is asked, and allows 60 requests a minute.
      maxPageSize: 40,
      requestsPerMinute: 60,
      // The login's token stops working while the first import is on its third page.
      onOrdersPage: () => {
        if (++ordersPagesServed === 3) simulator.expireTokens();
      },
    });
    const template = seeded[0];
    simulator.orders.addOrder({
      ...structuredClone(template),
      order_id: 90_001,
      currency: 'USD',
      delivery_name: 'John Smith',
      delivery_phone: '+1 202 555 0143',
      delivery_email: 'john@example.com',
    });
    // Malformed orders among good ones: each must be rejected with its reason, the run must go on.
    simulator.addRawOrder({ ...structuredClone(template), order_id: 90_002, products: [{ ...template.products[0], quantity: -2 }] });
    simulator.addRawOrder({ ...structuredClone(template), order_id: 90_003, total_sum: 'a lot' });
    simulator.addRawOrder({ ...structuredClone(template), order_id: 90_004, delivery_name: 'Ім’я'.repeat(400) });
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'Horoshop Lviv',
      platform: 'cartum',
      storeName: 'Lviv shop',
      baseUrl: simulator.baseUrl,
      credentials: { login: LOGIN, password: PASSWORD },
      currency: 'UAH',
      productMatch: ['sku', 'name'],
      statusMap: [
        { platform: '1', local: 'new' },
        { platform: '2', local: 'approved' },
        { platform: '6', local: 'shipped' },
        { platform: '4', local: 'cancelled' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    integrationId = created.body.id;
    firstRun = await api.sync(integrationId);
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given a new integration, then its password is accepted and never returned or logged', async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}`);
    expect(body).to.include({ platform: 'cartum', storeName: 'Lviv shop', currency: 'UAH', hasCredentials: true });
    expect(JSON.stringify(body)).not.to.contain(PASSWORD);
    expect(api.logLines.join('\n')).not.to.contain(PASSWORD);
  });

  it('given 300 orders over many pages, a rate limit and a token expiring mid-import, when synced, then each order is imported once', async () => {
    expect(firstRun.status, JSON.stringify(firstRun)).to.equal('succeeded');
    expect(firstRun.counts.imported).to.equal(300);
    expect(simulator.rateLimitedCount, 'requests refused with 429').to.equal(0);
    expect(simulator.tokenRefusedCount, 'calls refused for the expired token').to.equal(1);
    expect(simulator.authCount, 'logins: the first and one renewal').to.equal(2);
    expect(ordersPagesServed, 'pages of 40 to an empty one, plus the refused and repeated one').to.be.greaterThan(300 / 40);
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders.map((o) => o.externalId).sort()).to.deep.equal(seeded.map((o) => String(o.order_id)).sort());
  });

  it('given an imported order, then its full view carries every field of the Horoshop order', async () => {
    const source = seeded.find((o) => o.coupon_percent > 0 && o.delivery_price > 0 && o.comment && o.delivery_email)!;
    const listed = (await api.all('/v1/orders?store=integrations')).find((o) => o.externalId === String(source.order_id));
    const { body: order } = await api.call('GET', `/v1/orders/${listed.id}`);
    // The API shows money in major units with two decimals.
    const money = (amount: number) => Math.round(amount * 100) / 100;
    const [first, ...rest] = source.delivery_name.split(' ');
    expect(order).to.deep.include({
      source: 'integration',
      integrationId,
      externalId: String(source.order_id),
      storeName: 'Lviv shop',
      currency: 'UAH',
      number: String(source.order_id),
      platformUrl: `${simulator.baseUrl}/edit/orders/?search=${source.order_id}`,
      total: money(source.total_sum + source.delivery_price),
      discountTotal: money(source.coupon_discount_value),
      comment: source.comment,
      platformStatus: String(source.stat_status),
    });
    // The link opens the shop admin's page of the order (the simulator's stand-in for it), not an API error.
    const page = await fetch(order.platformUrl);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain(`Order ${source.order_id}`);
    expect(order.status).to.equal(({ 1: 'new', 2: 'approved', 6: 'shipped' } as Record<number, string>)[source.stat_status] ?? order.status);
    expect(Date.parse(order.createdAtPlatform)).to.equal(Date.parse(`${source.stat_created.replace(' ', 'T')}+0${offsetHours(source.stat_created)}:00`));
    expect(order.lastSyncedAt).to.be.a('string');
    expect(order.customer).to.include({ firstName: first, lastName: rest.join(' '), phone: normalisePhone(source.delivery_phone), email: source.delivery_email });
    expect(order.discounts).to.deep.equal([{ name: `Coupon ${source.coupon_code} ${source.coupon_percent}%`, amount: money(source.coupon_discount_value) }]);
    expect(order.delivery).to.deep.include({ method: source.delivery_type!.title, cost: money(source.delivery_price), recipient: source.delivery_name });
    expect(order.delivery.address).to.equal([source.delivery_city, source.delivery_address].filter(Boolean).join(', '));
    const productItems = order.items.filter((i: any) => i.sku !== 'DELIVERY');
    expect(productItems.map((i: any) => ({ sku: i.sku, quantity: i.quantity, price: i.price }))).to.deep.equal(
      source.products.map((p) => ({ sku: p.article, quantity: p.quantity, price: money(p.price) })),
    );
    expect(productItems.every((i: any) => i.deductible === false)).to.equal(true);
    expect(order.items.find((i: any) => i.sku === 'DELIVERY')).to.include({ quantity: 1, price: money(source.delivery_price) });
  });

  it('given an order in another currency, then it is rejected with a readable reason and its buyer is registered', async () => {
    expect(firstRun.rejected).to.deep.include({ externalId: '90001', reason: 'the order is in USD but the store Lviv shop sells in UAH' });
    const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+12025550143')}`);
    expect(body.items.map((c: any) => c.lastName)).to.deep.equal(['Smith']);
  });

  it('given malformed orders in a page, then each is rejected with its reason and the others are imported', async () => {
    const reasons = Object.fromEntries(firstRun.rejected.map((r: any) => [r.externalId, r.reason]));
    expect(reasons['90002']).to.match(/products\[0\]\.quantity must not be negative/);
    expect(reasons['90003']).to.match(/total_sum must be a decimal amount/);
    expect(reasons['90004']).to.match(/delivery_name is \d+ characters long/);
    expect(firstRun.counts.rejected, JSON.stringify(firstRun.rejected)).to.equal(4);
  });

  it('given everything imported, when synced again, then nothing new is created', async () => {
    const eventsBefore = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
    const again = await api.sync(integrationId, { from: new Date(Date.now() - 30 * DAY).toISOString() });
    expect(again.status).to.equal('succeeded');
    expect(again.counts).to.include({ imported: 0, updated: 0, unchanged: 300 });
    const eventsAfter = (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;
    expect(eventsAfter).to.equal(eventsBefore);
    expect((await api.call('GET', '/v1/orders?store=integrations&limit=1')).body.total).to.equal(300);
  });

  it('given a local status change, when statuses are pushed twice, then Horoshop receives it exactly once and its echo is not pushed back', async () => {
    const source = seeded.find((o) => o.stat_status === 1)!;
    const orderId = (await api.all('/v1/orders?store=integrations')).find((o) => o.externalId === String(source.order_id)).id;
    const changed = await api.call('POST', `/v1/orders/${orderId}/status`, { status: 'shipped' });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect((await pushPendingStatuses(api.deps, integrationId)).pushed).to.equal(1);
    await pushPendingStatuses(api.deps, integrationId);
    const writes = () => simulator.statusChanges.filter((c) => c.orderId === source.order_id).map((c) => c.to);
    expect(writes()).to.deep.equal([6]);
    await api.syncsDone();
    const echo = await api.sync(integrationId);
    expect(echo.counts.updated, JSON.stringify(echo)).to.equal(0);
    await pushPendingStatuses(api.deps, integrationId);
    expect(writes()).to.deep.equal([6]);
    const { body: order } = await api.call('GET', `/v1/orders/${orderId}`);
    expect(order.status).to.equal('shipped');
    expect(order.pendingPush).to.equal(null);
  });
});

/** Kyiv's offset from UTC on the day of a shop time: 3 in summer, 2 in winter. */
function offsetHours(shopTime: string): number {
  const probe = new Date(`${shopTime.slice(0, 10)}T12:00:00Z`);
  const kyivNoon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', hourCycle: 'h23' }).format(probe);
  return Number(kyivNoon) - 12;
}

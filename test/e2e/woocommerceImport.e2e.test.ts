import { expect } from 'chai';
import { pushPendingStatuses } from '../../src/application/automations/statusPush.js';
import { pushChangedStock } from '../../src/application/automations/stockPush.js';
import { normalisePhone } from '../../src/domain/contact/phone.js';
import {
  seedWooCommerceOrders,
  startWooCommerceSimulator,
  type WooCommerceOrderRecord,
  type WooCommerceSimulator,
  withTotals,
} from '../../simulators/woocommerce/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const CONSUMER_KEY = 'ck_e2e0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8';
const CONSUMER_SECRET = 'cs_e2e9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
const WEBHOOK_SECRET = 'e2e-woo-webhook-secret';
const DAY = 24 * 60 * 60 * 1000;
const major = (text: string) => Number(text);

describe('Order import from WooCommerce, end to end over HTTP', function () {
  this.timeout(120_000);
  let simulator: WooCommerceSimulator;
  let api: SynchubApi;
  let seeded: WooCommerceOrderRecord[];
  let integrationId: string;
  let firstRun: any;

  const localOrder = async (externalId: number) => {
    const listed = (await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`)).find((o) => o.externalId === String(externalId));
    return (await api.call('GET', `/v1/orders/${listed.id}`)).body;
  };
  const orderEvents = async () => (await api.eventStore.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.streamName.startsWith('order-')).length;

  before(async () => {
    seeded = seedWooCommerceOrders({ count: 250, products: 30, buyers: 90, startAt: new Date(Date.now() - 5 * DAY), seed: 7, currency: 'EUR' });
    // One order with every part: a variation, a coupon, a paid fee and a discount fee, shipping to someone else, a note.
    const full = seeded.findIndex((o) => o.coupon_lines.length > 0 && Number(o.shipping_total) > 0 && o.line_items.some((l) => l.variation_id) && o.fee_lines.length > 0);
    seeded[full] = withTotals({
      ...seeded[full],
      customer_note: 'Please ring twice.',
      shipping: { ...seeded[full].shipping, first_name: 'Greta', last_name: 'Schmidt' },
      fee_lines: [
        { id: 90, name: 'Gift wrapping', tax_class: '', tax_status: 'none', amount: '3.50', total: '3.50', total_tax: '0.00', taxes: [], meta_data: [] },
        { id: 91, name: 'Loyalty discount', tax_class: '', tax_status: 'none', amount: '-2.00', total: '-2.00', total_tax: '0.00', taxes: [], meta_data: [] },
      ],
    });
    // A host limit the adapter's own pacing (120 a minute) stays under.
    simulator = await startWooCommerceSimulator({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET, seedOrders: seeded, requestsPerMinute: 120 });
    const template = seeded[0];
    simulator.orders.addOrder({
      ...structuredClone(template),
      id: 90_001,
      number: '90001',
      currency: 'USD',
      billing: { ...template.billing, first_name: 'John', last_name: 'Smith', email: 'john@example.com', phone: '+1 202 555 0143' },
    });
    // Malformed orders among good ones: each must be rejected with its reason, the run must go on.
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_002, total: 'a lot' });
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_003, line_items: [{ ...template.line_items[0], quantity: 0 }] });
    simulator.orders.addRawOrder({ ...structuredClone(template), id: 90_004, date_created_gmt: 'yesterday' });
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'WooCommerce Berlin',
      platform: 'woocommerce',
      storeName: 'Berlin shop',
      baseUrl: simulator.baseUrl,
      credentials: { consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET, webhookSecret: WEBHOOK_SECRET },
      currency: 'EUR',
      productMatch: ['sku', 'name'],
      statusMap: [
        { platform: 'pending', local: 'new' },
        { platform: 'processing', local: 'approved' },
        { platform: 'completed', local: 'shipped' },
        { platform: 'cancelled', local: 'cancelled' },
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

  it('given a new integration, then its three credentials are accepted and never returned or logged', async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}`);
    expect(body).to.include({ platform: 'woocommerce', storeName: 'Berlin shop', currency: 'EUR', hasCredentials: true });
    for (const secret of [CONSUMER_KEY, CONSUMER_SECRET, WEBHOOK_SECRET]) {
      expect(JSON.stringify(body)).not.to.contain(secret);
      expect(api.logLines.join('\n')).not.to.contain(secret);
    }
  });

  it('given 254 orders over three pages and a host request limit, when synced, then every good order is imported once with no 429', async () => {
    expect(firstRun.status, JSON.stringify(firstRun)).to.equal('succeeded');
    expect(firstRun.counts.imported).to.equal(seeded.length);
    expect(simulator.rateLimitedCount, 'requests refused with 429').to.equal(0);
    const listings = simulator.requests.filter((r) => r.url.startsWith('/wp-json/wc/v3/orders?')).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(listings.map((q) => q.get('page'))).to.deep.equal(['1', '2', '3']);
    for (const query of listings) expect(Object.fromEntries(query)).to.include({ per_page: '100', dates_are_gmt: 'true', orderby: 'id', order: 'asc' });
    expect(listings[0].get('modified_after')).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const orders = await api.all(`/v1/orders?store=integrations&integrationId=${integrationId}`);
    expect(orders.map((o) => o.externalId).sort()).to.deep.equal(seeded.map((o) => String(o.id)).sort());
  });

  it('given an imported order, then its API view carries every field of the WooCommerce order', async () => {
    const source = seeded.find((o) => o.customer_note === 'Please ring twice.')!;
    const order = await localOrder(source.id);
    expect(order).to.include({
      source: 'integration',
      integrationId,
      externalId: String(source.id),
      storeName: 'Berlin shop',
      number: source.number,
      platformUrl: `${simulator.baseUrl}/wp-admin/post.php?post=${source.id}&action=edit`,
      platformStatus: source.status,
      currency: 'EUR',
      total: major(source.total),
      // Coupons plus the negative fee, which is a discount too.
      discountTotal: major(source.discount_total) + 2,
      comment: source.customer_note,
    });
    expect(order.createdAtPlatform).to.equal(`${source.date_created_gmt}.000Z`);
    expect(order.lastSyncedAt).to.be.a('string');
    expect(order.customer).to.include({
      firstName: source.billing.first_name,
      lastName: source.billing.last_name,
      phone: normalisePhone(source.billing.phone),
      email: source.billing.email,
    });
    const expectedItems = [
      ...source.line_items.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, price: Math.round((major(l.total) * 100) / l.quantity) / 100, kind: 'product', deductible: false })),
      ...source.fee_lines.filter((f) => major(f.total) > 0).map((f) => ({ sku: '', name: f.name, quantity: 1, price: major(f.total), kind: 'product', deductible: false })),
      { sku: 'DELIVERY', name: 'Delivery', quantity: 1, price: major(source.shipping_total), kind: 'service', deductible: false },
    ];
    expect(order.items.map(({ productId, ...item }: any) => item)).to.deep.equal(expectedItems);
    expect(source.fee_lines).to.have.length(2);
    expect(order.discounts).to.deep.equal([
      ...source.coupon_lines.map((c) => ({ name: `Coupon ${c.code}`, amount: major(c.discount) })),
      ...source.fee_lines.filter((f) => major(f.total) < 0).map((f) => ({ name: f.name, amount: -major(f.total) })),
    ]);
    const ship = source.shipping;
    expect(order.delivery).to.deep.equal({
      method: source.shipping_lines[0].method_title,
      cost: major(source.shipping_total),
      recipient: 'Greta Schmidt',
      address: [ship.address_1, ship.city, ship.state, ship.postcode, ship.country].join(', '),
    });
    expect(order.status).to.equal({ pending: 'new', processing: 'approved', completed: 'shipped', cancelled: 'cancelled' }[source.status] ?? source.status);
    const page = await fetch(order.platformUrl);
    expect(page.status).to.equal(200);
  });

  it('given simple products and variations in orders, then each becomes one product, variations as its SKU variants, never duplicated', async () => {
    const lines = seeded.flatMap((o) => o.line_items);
    const simpleSkus = new Set(lines.filter((l) => !l.variation_id).map((l) => l.sku));
    const variableNames = new Set(lines.filter((l) => l.variation_id).map((l) => l.parent_name));
    const products = (await api.all('/v1/products')).filter((p) => p.sku !== 'DELIVERY' && p.name !== 'Gift wrapping');
    expect(products).to.have.length(simpleSkus.size + variableNames.size);
    expect(new Set(products.filter((p) => p.sku).map((p) => p.sku))).to.deep.equal(simpleSkus);
    const hoodie = products.find((p) => variableNames.has(p.name));
    const itsLines = lines.filter((l) => l.parent_name === hoodie.name);
    expect(new Set(hoodie.variants.map((v: any) => v.sku))).to.deep.equal(new Set(itsLines.map((l) => l.sku)));
    const sample = itsLines[0];
    expect(hoodie.variants.find((v: any) => v.sku === sample.sku).properties).to.deep.equal(Object.fromEntries(sample.meta_data.map((m) => [m.display_key, m.display_value])));
  });

  it('given an order in another currency, then it is rejected with a readable reason and its buyer is registered', async () => {
    expect(firstRun.rejected).to.deep.include({ externalId: '90001', reason: 'the order is in USD but the store Berlin shop sells in EUR' });
    const { body } = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+12025550143')}`);
    expect(body.items.map((c: any) => [c.firstName, c.lastName])).to.deep.equal([['John', 'Smith']]);
  });

  it('given malformed orders in a page, then each is rejected with a reason naming its field and the others are imported', async () => {
    const reasons = Object.fromEntries(firstRun.rejected.map((r: any) => [r.externalId, r.reason]));
    expect(reasons['90002']).to.equal('WooCommerce order 90002: total must be a decimal amount, got "a lot"');
    expect(reasons['90003']).to.match(/^WooCommerce order 90003: line_items\[0\]\.quantity must be a positive whole number/);
    expect(reasons['90004']).to.match(/^WooCommerce order 90004: date_created_gmt must be a UTC time/);
    expect(firstRun.counts.rejected, JSON.stringify(firstRun.rejected)).to.equal(4);
  });

  it('given everything imported, when synced again, then nothing new is created', async () => {
    const before = await orderEvents();
    const again = await api.sync(integrationId, { from: new Date(Date.now() - 30 * DAY).toISOString() });
    expect(again.status).to.equal('succeeded');
    expect(again.counts).to.include({ imported: 0, updated: 0, unchanged: seeded.length, rejected: 4 });
    expect(await orderEvents()).to.equal(before);
    expect((await api.call('GET', `/v1/orders?store=integrations&integrationId=${integrationId}&limit=1`)).body.total).to.equal(seeded.length);
  });

  it('given a local status change, when statuses are pushed twice, then WooCommerce receives one PUT and its echo is not pushed back', async () => {
    const target = seeded.find((o) => o.status === 'processing')!;
    const local = await localOrder(target.id);
    const changed = await api.call('POST', `/v1/orders/${local.id}/status`, { status: 'shipped' });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect((await pushPendingStatuses(api.deps, integrationId)).pushed).to.equal(1);
    await pushPendingStatuses(api.deps, integrationId);
    const writes = () => simulator.statusChanges.filter((c) => c.orderId === target.id);
    expect(writes().map((c) => [c.from, c.to])).to.deep.equal([['processing', 'completed']]);
    expect(simulator.orders.get(target.id)!.status).to.equal('completed');

    const echo = await api.sync(integrationId);
    expect(echo.counts.updated, JSON.stringify(echo)).to.equal(0);
    await pushPendingStatuses(api.deps, integrationId);
    expect(writes()).to.have.length(1);
    const after = await localOrder(target.id);
    expect(after).to.include({ status: 'shipped', platformStatus: 'completed', pendingPush: null });
  });

  it('given a status changed in wp-admin, when synced, then the local order follows and nothing is pushed back', async () => {
    const target = seeded.find((o) => o.status === 'pending')!;
    simulator.orders.setStatus(target.id, 'cancelled');
    const run = await api.sync(integrationId);
    expect(run.counts.updated).to.equal(1);
    expect((await localOrder(target.id)).status).to.equal('cancelled');
    await pushPendingStatuses(api.deps, integrationId);
    expect(simulator.statusChanges.filter((c) => c.orderId === target.id)).to.have.length(0);
  });

  it('given products flagged "sync stock", when stock is pushed twice, then WooCommerce receives each level once', async () => {
    const products = await api.all('/v1/products');
    const [first, second] = simulator.catalogue.filter((p) => p.type === 'simple');
    const bySku = (sku: string) => products.find((p) => p.sku === sku);
    expect((await api.call('PATCH', `/v1/products/${bySku(first.sku).id}`, { stock: 12, syncStock: true })).status).to.equal(200);
    expect((await api.call('PATCH', `/v1/products/${bySku(second.sku).id}`, { stock: 0, syncStock: true })).status).to.equal(200);
    const lookupsBefore = simulator.requests.filter((r) => r.url.includes('/products?')).length;

    const report = await pushChangedStock(api.deps, integrationId);
    expect(report).to.include({ pushed: 2 });
    expect(simulator.stockWrites.map(({ at, ...write }) => write)).to.have.deep.members([
      { productId: first.id, sku: first.sku, quantity: 12 },
      { productId: second.id, sku: second.sku, quantity: 0 },
    ]);
    expect(simulator.catalogue.find((p) => p.id === second.id)).to.include({ manage_stock: true, stock_quantity: 0, stock_status: 'outofstock' });
    expect(simulator.requests.filter((r) => r.url.includes('/products?')).length - lookupsBefore, 'one SKU lookup for both').to.equal(1);

    await api.syncsDone();
    const again = await pushChangedStock(api.deps, integrationId);
    expect(again).to.include({ pushed: 0, unchanged: 2 });
    expect(simulator.stockWrites).to.have.length(2);
    expect(simulator.rateLimitedCount).to.equal(0);
  });
});

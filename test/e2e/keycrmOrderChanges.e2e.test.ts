import { expect } from 'chai';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'e2e-keycrm-changes';

describe('Platform changes to imported orders, end to end over HTTP', function () {
  this.timeout(60_000);
  let simulator: KeycrmSimulator;
  let api: SynchubApi;
  let integrationId: string;
  let externalId: number;
  let orderId: string;

  const sync = () => api.sync(integrationId);
  const order = async () => (await api.call('GET', `/v1/orders/${orderId}`)).body;

  before(async () => {
    const seeded = seedKeycrmOrders({ count: 5, products: 10, buyers: 5, startAt: new Date(Date.now() - 86_400_000), seed: 7 })
      .filter((o) => o.buyer);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seeded, requestsPerMinute: 0 });
    externalId = seeded[0].id;
    api = await startSynchubApi();
    const created = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM',
      platform: 'keycrm',
      storeName: 'Lviv shop',
      baseUrl: simulator.baseUrl,
      credentials: { apiKey: API_KEY },
      currency: 'UAH',
    });
    integrationId = created.body.id;
    const run = await sync();
    expect(run.counts.imported, JSON.stringify(run)).to.equal(seeded.length);
    const rows = (await api.call('GET', `/v1/orders?store=integrations&limit=100`)).body.items;
    orderId = rows.find((o: any) => o.externalId === String(externalId)).id;
  });

  after(async () => {
    await api?.close();
    await simulator?.close();
  });

  it('given an imported order, when a quantity is edited on the platform before the write-off, then the local order follows', async () => {
    simulator.orders.setQuantity(externalId, 0, 7);
    const run = await sync();
    expect(run.counts.updated).to.equal(1);
    const current = await order();
    expect(current.items[0].quantity).to.equal(7);
    expect(current.feed.map((f: any) => f.type)).to.include('OrderItemsChanged');
  });

  it('given the stock written off, when a quantity is edited on the platform, then it is refused and the refusal is in the feed', async () => {
    const writeOff = await api.call('POST', `/v1/orders/${orderId}/write-off`);
    expect(writeOff.status, JSON.stringify(writeOff.body)).to.equal(200);
    simulator.orders.setQuantity(externalId, 0, 9);
    await sync();
    const current = await order();
    expect(current.items[0].quantity).to.equal(7);
    const refusal = current.feed.find((f: any) => f.type === 'QuantityChangeRefused');
    expect(refusal, JSON.stringify(current.feed)).to.not.equal(undefined);
    expect(refusal.text).to.match(/7.*9/);
  });

  it('given an imported order, when its delivery changes on the platform, then a feed comment gives method, cost and address', async () => {
    simulator.orders.setShipping(
      externalId,
      { delivery_service_id: 2, shipping_address_city: 'Ужгород', shipping_receive_point: 'Відділення 5', recipient_full_name: 'Ігор Бойко' },
      95,
    );
    await sync();
    const current = await order();
    const change = current.feed.filter((f: any) => f.type === 'DeliveryChanged').pop();
    expect(change, JSON.stringify(current.feed)).to.not.equal(undefined);
    expect(change.text).to.contain('Укрпошта');
    expect(change.text).to.contain('Ужгород');
    expect(change.text).to.match(/95/);
    expect(current.delivery).to.include({ method: 'Укрпошта', cost: 95 });
  });

  it('given a refresh just done, when the order is refreshed again, then 429 with Retry-After', async () => {
    simulator.orders.setStatus(externalId, 2);
    const first = await api.call('POST', `/v1/orders/${orderId}/refresh`);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.outcome).to.equal('updated');
    // The person asked (local); what came back is the platform's; both under the request's correlation id.
    const history = (await api.call('GET', `/v1/orders/${orderId}/history?limit=100`)).body.items;
    const requested = history.find((e: any) => e.type === 'OrderRefreshRequested');
    const synced = history.filter((e: any) => e.metadata.correlationId === requested.metadata.correlationId && e.type !== 'OrderRefreshRequested');
    expect(requested.metadata).to.include({ source: 'local', correlationId: first.headers.get('x-correlation-id') });
    expect(synced.map((e: any) => e.type)).to.include('OrderSyncedFromPlatform');
    expect(synced.every((e: any) => e.metadata.source === 'platform')).to.equal(true);
    const second = await api.call('POST', `/v1/orders/${orderId}/refresh`);
    expect(second.status).to.equal(429);
    expect(Number(second.headers.get('retry-after'))).to.be.within(590, 600);
  });
});

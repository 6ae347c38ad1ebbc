import { expect } from 'chai';
import { PlatformRequestError, PlatformUnavailableError, type FetchedOrder, type FetchedProduct } from '../../../../src/application/ports/platformClient.js';
import { CartumClient } from '../../../../src/infrastructure/platforms/cartum/cartumClient.js';
import { cartumClientFor } from '../../../../src/infrastructure/platforms/cartum/index.js';
import { seedCartumOrders, startCartumSimulator, type CartumSimulator } from '../../../../simulators/cartum/index.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';

const LOGIN = 'api-admin';
const PASSWORD = 'S3cret-cartum-password';
const HOUR = 60 * 60 * 1000;
const window = () => ({ from: new Date(Date.now() - 48 * HOUR), to: new Date(Date.now() + HOUR) });

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

describe('Cartum client against the Horoshop simulator', function () {
  before(allowLocalPlatforms);
  this.timeout(30_000);
  let simulator: CartumSimulator;
  const client = (extra: Partial<ConstructorParameters<typeof CartumClient>[0]> = {}) =>
    new CartumClient({ baseUrl: simulator.baseUrl, login: LOGIN, password: PASSWORD, backoffBaseMs: 5, requestsPerMinute: 1000, ...extra });

  beforeEach(async () => {
    const seeded = seedCartumOrders({ count: 45, startAt: new Date(Date.now() - 24 * HOUR), seed: 3 });
    simulator = await startCartumSimulator({ login: LOGIN, password: PASSWORD, seedOrders: seeded, maxPageSize: 20, requestsPerMinute: 0 });
  });

  afterEach(async () => simulator?.close());

  it('given more orders than the shop serves per page, when a window is read, then every order comes once, page by page to an empty one', async () => {
    const orders = await collect(client({ pageLimit: 50 }).ordersUpdatedBetween(window()));
    expect(orders.map((o) => (o as any).order.externalId)).to.deep.equal(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    const pages = simulator.requests.filter((r) => r.fn === 'orders/get').map((r) => r.status);
    expect(pages).to.deep.equal(['OK', 'OK', 'OK', 'EMPTY']);
    expect(simulator.authCount, 'one login for the whole walk').to.equal(1);
  });

  it('given a window in the past, then only orders changed in it are read', async () => {
    simulator.orders.setStatus(7, 2);
    const orders = await collect(client().ordersUpdatedBetween({ from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) }));
    expect(orders.map((o) => (o as any).order.externalId)).to.deep.equal(['7']);
  });

  it('given concurrent calls before any login, then they share one authentication', async () => {
    const shared = client();
    await Promise.all([shared.statuses(), shared.order('3'), shared.order('4'), shared.statuses()]);
    expect(simulator.authCount).to.equal(1);
  });

  it('given tokens expired on the shop in the middle of a walk, then the client logs in again once and the walk completes', async () => {
    let pages = 0;
    await simulator.close();
    simulator = await startCartumSimulator({
      login: LOGIN,
      password: PASSWORD,
      seedOrders: seedCartumOrders({ count: 45, startAt: new Date(Date.now() - 24 * HOUR), seed: 3 }),
      maxPageSize: 20,
      onOrdersPage: () => {
        if (++pages === 2) simulator.expireTokens();
      },
    });
    const orders = await collect(client().ordersUpdatedBetween(window()));
    expect(orders).to.have.length(45);
    expect(simulator.authCount).to.equal(2);
    expect(simulator.tokenRefusedCount).to.equal(1);
  });

  it('given a short token lifetime, then an expired token is renewed transparently', async () => {
    await simulator.close();
    simulator = await startCartumSimulator({ login: LOGIN, password: PASSWORD, seedOrders: seedCartumOrders({ count: 3, seed: 1 }), tokenTtlMs: 80 });
    const shared = client();
    expect(await shared.order('1')).to.have.property('kind', 'order');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await shared.order('2')).to.have.property('kind', 'order');
    expect(simulator.authCount).to.equal(2);
    expect(simulator.tokenRefusedCount).to.equal(1);
  });

  it('given a wrong password, then the refusal is a request error that never shows the password', async () => {
    const wrong = new CartumClient({ baseUrl: simulator.baseUrl, login: LOGIN, password: 'not-the-password-123', backoffBaseMs: 5 });
    const error = await wrong.statuses().then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(PlatformRequestError);
    // Horoshop's words are the detail kept for operators; the message has no answer text.
    expect((error as Error).message).to.equal('Cartum refused the login and password');
    expect((error as PlatformRequestError).detail).to.match(/Невірний логін або пароль/);
    expect(`${(error as Error).message} ${(error as PlatformRequestError).detail}`).not.to.contain('not-the-password-123');
  });

  it('given an error envelope, then it becomes a request error with Horoshop\'s words; EXCEPTION is transient', async () => {
    const shared = client();
    await shared.statuses(); // logs in first: the failure hits the next call
    simulator.failNext(1, { envelopeStatus: 'ERROR', message: 'Parameter ids is invalid' });
    const refused = await shared.order('1').then(() => undefined, (e: unknown) => e);
    expect(refused).to.be.instanceOf(PlatformRequestError);
    expect((refused as Error).message).to.equal('Cartum orders/get answered ERROR');
    expect((refused as PlatformRequestError).detail).to.equal('Parameter ids is invalid');
    simulator.failNext(1, { envelopeStatus: 'EXCEPTION', message: 'Database is busy' });
    const transient = await shared.order('1').then(() => undefined, (e: unknown) => e);
    expect(transient).to.be.instanceOf(PlatformUnavailableError);
  });

  it('given the shop answers 503 twice, then the call is retried and succeeds', async () => {
    const shared = client();
    await shared.statuses();
    simulator.failNext(2, { httpStatus: 503 });
    expect(await shared.order('5')).to.have.nested.property('order.externalId', '5');
  });

  it('given the shop\'s request limit, then 429 with Retry-After is waited out and nothing is lost', async () => {
    await simulator.close();
    simulator = await startCartumSimulator({ login: LOGIN, password: PASSWORD, seedOrders: seedCartumOrders({ count: 30, seed: 2, startAt: new Date(Date.now() - 5 * HOUR) }), maxPageSize: 5, requestsPerMinute: 4, windowMs: 1000 });
    const orders = await collect(client().ordersUpdatedBetween(window()));
    expect(orders).to.have.length(30);
    expect(simulator.rateLimitedCount).to.be.greaterThan(0);
  });

  it('given the connection factory, then a missing password is refused before any request', () => {
    expect(() => cartumClientFor({ platform: 'cartum', baseUrl: simulator.baseUrl, credentials: { login: LOGIN } })).to.throw(PlatformRequestError, /login and a password/);
    expect(simulator.requestCount).to.equal(0);
  });

  it('given the shop\'s statuses, then the built-in ones and the custom one are listed', async () => {
    const statuses = await client().statuses();
    expect(statuses.map((s) => s.id)).to.deep.equal(['1', '2', '3', '4', '6', '7']);
    expect(statuses.find((s) => s.id === '7')?.name).to.equal('Очікує оплати');
  });

  it('given a status change, then orders/update receives it once and the order shows it', async () => {
    const shared = client();
    await shared.changeOrderStatus('9', '6');
    expect(simulator.statusChanges.map(({ orderId, to }) => ({ orderId, to }))).to.deep.equal([{ orderId: 9, to: 6 }]);
    expect(((await shared.order('9')) as Extract<FetchedOrder, { kind: 'order' }>).order.status).to.equal('6');
    const unknown = await shared.changeOrderStatus('9', '5').then(() => undefined, (e: unknown) => e);
    expect((unknown as Error).message).to.match(/did not change order 9 to status 5: INVALID_STATUS/);
    const missing = await shared.changeOrderStatus('99999', '2').then(() => undefined, (e: unknown) => e);
    expect((missing as Error).message).to.match(/NOT_FOUND/);
    expect(await shared.order('99999')).to.equal(undefined);
  });

  it('given the catalogue, then products are read by article page by page', async () => {
    const products = await collect(client({ pageLimit: 7 }).products!());
    const articles = new Set(simulator.catalogue.map((p) => p.article));
    expect(products.map((p) => (p as Extract<FetchedProduct, { kind: 'product' }>).product.sku)).to.have.members([...articles]);
    expect(products[0]).to.nested.include({ 'product.category': 'Дім та побут', 'product.archived': false });
  });
});

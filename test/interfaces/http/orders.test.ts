import { once } from 'node:events';
import { get } from 'node:http';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { authenticate } from '../../../src/application/accessTokens/authenticate.js';
import { issueAccessToken } from '../../../src/application/accessTokens/issueAccessToken.js';
import { seedAdminToken } from '../../../src/application/accessTokens/seedAdminToken.js';
import { handleCommand } from '../../../src/application/commands/commandHandler.js';
import { accessTokensProjection } from '../../../src/application/projections/accessTokensProjection.js';
import { contactsProjection } from '../../../src/application/projections/contactsProjection.js';
import { ORDERS_COLLECTION, ordersProjection } from '../../../src/application/projections/ordersProjection.js';
import { productsProjection } from '../../../src/application/projections/productsProjection.js';
import { allApplied, ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { contactDecider, contactStream } from '../../../src/domain/contact/contactDecider.js';
import { orderDecider, orderStream } from '../../../src/domain/order/orderDecider.js';
import { productDecider, productStream } from '../../../src/domain/product/productDecider.js';
import { createLogger } from '../../../src/infrastructure/logging/logger.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import type { FindQuery, FoundPage, KeptTotal, ReadModelDocument } from '../../../src/application/ports/readModels.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { authentication } from '../../../src/interfaces/http/authentication.js';
import { catalogRoutes } from '../../../src/interfaces/http/catalogRoutes.js';
import { orderRoutes } from '../../../src/interfaces/http/orderRoutes.js';
import { notFound, problemHandler } from '../../../src/interfaces/http/problem.js';
import { nextPageOf } from '../../support/apiCall.js';
import { eventually } from '../../support/eventually.js';

type Json = Record<string, any>;

interface Api {
  base: string;
  store: MemoryEventStore;
  tokens: { admin: string; operator: string; viewer: string };
  /** Waits until every read model includes the event at `position`. */
  applied(position: number | undefined): Promise<void>;
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; type: string; json: Json; link: string | null }>;
  close(): Promise<void>;
}

async function startApi(readModels = new MemoryReadModels()): Promise<Api> {
  const store = new MemoryEventStore();
  const runners = [accessTokensProjection, ordersProjection, productsProjection, contactsProjection].map(
    (projection) => new ProjectionRunner(store, readModels, projection),
  );
  for (const runner of runners) await runner.start();
  const readModelsApplied = (position: number) => allApplied(runners, position);
  const applied = async (position: number | undefined) => {
    if (position !== undefined) expect(await readModelsApplied(position)).to.equal(true);
  };

  const app = express();
  app.use(express.json());
  const v1 = express.Router();
  v1.use(authentication((token) => authenticate(readModels, token)));
  v1.use(orderRoutes({ eventStore: store, readModels, readModelsApplied }));
  v1.use(catalogRoutes({ readModels, eventStore: store, readModelsApplied }));
  app.use('/v1', v1);
  app.use(notFound);
  app.use(problemHandler(createLogger('silent')));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const admin = 'orders-test-admin-token-0001';
  await applied((await seedAdminToken(store, admin)).position);
  const operator = await issueAccessToken(store, { name: 'desk', role: 'operator' });
  const viewer = await issueAccessToken(store, { name: 'report', role: 'viewer' });
  await applied(viewer.position);

  return {
    base,
    store,
    tokens: { admin, operator: operator.token, viewer: viewer.token },
    applied,
    async call(method, path, { token = admin, body } = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, type: response.headers.get('content-type') ?? '', json: (await response.json()) as Json, link: response.headers.get('link') };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const runner of runners) await runner.stop();
    },
  };
}

const localOrder = () => ({
  number: 'L-100',
  customer: { firstName: 'Olena', lastName: 'Koval', phone: '+38 067 123 45 67', email: 'olena@example.com' },
  items: [
    { sku: 'TS-1', name: 'Blue T-Shirt', quantity: 2, price: 450.5 },
    { sku: 'MUG-9', name: 'Coffee mug', quantity: 1, price: 120 },
  ],
  discounts: [{ name: 'Loyalty', amount: 20.25 }],
  delivery: { method: 'Nova Poshta', cost: 70, recipient: 'Olena Koval', address: 'Kyiv, branch 12' },
  currency: 'UAH',
  comment: 'Call before delivery',
});

/** A GET by node:http, not fetch: fetch adds Cache-Control: no-cache to a request carrying If-None-Match. */
function getWithETag(api: Api, path: string, etag?: string) {
  return new Promise<{ status: number; etag: string; body: string }>((resolve, reject) => {
    const headers = { authorization: `Bearer ${api.tokens.viewer}`, ...(etag ? { 'if-none-match': etag } : {}) };
    get(`${api.base}${path}`, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk)).on('end', () => resolve({ status: response.statusCode!, etag: String(response.headers.etag), body }));
    }).on('error', reject);
  });
}

/** An order as an import records it, through the order decider. */
async function importOrder(api: Api, orderId: string, createdAtPlatform: string) {
  const { position } = await handleCommand(api.store, orderDecider, orderStream(orderId), {
    type: 'ReceivePlatformOrder',
    data: {
      orderId,
      integrationId: 'int-1',
      externalId: `ext-${orderId}`,
      storeName: 'Kyiv web shop',
      platformUrl: `https://shop.example/orders/${orderId}`,
      platformStatus: '1',
      createdAtPlatform,
      responsibleUser: null,
      at: '2026-11-04T08:00:00.000Z',
      number: `W-${orderId}`,
      status: 'new',
      customer: { contactId: 'c-web', firstName: 'Ivan', lastName: 'Bondar', phone: '+380509876543', email: '' },
      items: [{ productId: 'p-web', sku: 'W-1', name: 'Web item', quantity: 1, price: 99_999, kind: 'product', deductible: false }],
      discounts: [],
      discountTotal: 0,
      delivery: null,
      total: 99_999,
      currency: 'UAH',
      comment: '',
    },
  });
  await api.applied(position);
}

function expectProblem(answer: { status: number; type: string; json: Json }, status: number) {
  expect(answer.status, JSON.stringify(answer.json)).to.equal(status);
  expect(answer.type).to.contain('application/problem+json');
  expect(answer.json.status).to.equal(status);
}

/** Read models whose list reads, while held, read the page at once but answer only when released. */
class HeldListReads extends MemoryReadModels {
  listReads = 0;
  private held?: Promise<void>;
  private releaseHeld?: () => void;

  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.held = undefined;
    this.releaseHeld?.();
  }

  override async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    this.listReads++;
    const page = await super.findPage<T>(collection, query, keptTotal);
    await this.held;
    return page;
  }
}

/** Read models that record the ids of each read of whole orders (a read that picks fields is not one). */
class CountedOrderReads extends MemoryReadModels {
  readonly wholeReads: string[][] = [];

  override async getMany<T extends ReadModelDocument>(collection: string, ids: readonly string[], options?: Pick<FindQuery, 'omit' | 'pick'>) {
    if (collection === ORDERS_COLLECTION && !options?.pick) this.wholeReads.push([...ids]);
    return super.getMany<T>(collection, ids, options);
  }
}

/**
 * GETs sent pipelined on one connection in one write, so the server takes them all in the same turn of its event loop,
 * as under load; the answers in order, read until the server closes after the last.
 */
async function pipelined(api: Api, paths: string[]): Promise<{ status: number; body: string }[]> {
  const { hostname, port } = new URL(api.base);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const request = (path: string, last: boolean) =>
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${api.tokens.viewer}\r\n${last ? 'Connection: close\r\n' : ''}\r\n`;
  socket.end(paths.map((path, i) => request(path, i === paths.length - 1)).join(''));
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  let rest = Buffer.concat(chunks).toString('latin1');
  const answers: { status: number; body: string }[] = [];
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const head = rest.slice(0, headEnd);
    const length = Number(/content-length: (\d+)/i.exec(head)![1]);
    answers.push({ status: Number(head.split(' ')[1]), body: Buffer.from(rest.slice(headEnd + 4, headEnd + 4 + length), 'latin1').toString('utf8') });
    rest = rest.slice(headEnd + 4 + length);
  }
  return answers;
}

const fieldsOf = (answer: { json: Json }) => (answer.json.errors as { field: string }[]).map((e) => e.field);

describe('Orders API over HTTP', function () {
  this.timeout(20_000);
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => api.close());

  it('creates a local order with money in major units, and answers 201 with it as stored', async () => {
    const created = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    expect(created.status, JSON.stringify(created.json)).to.equal(201);
    const order = created.json;
    expect(order).to.include({ number: 'L-100', source: 'local', status: 'new', currency: 'UAH', integrationId: null, storeName: null, comment: 'Call before delivery' });
    expect(order.id).to.match(/^[0-9a-f-]{36}$/);
    // 2 × 450.50 + 120 + 70 delivery − 20.25 discount
    expect(order.total).to.equal(1070.75);
    expect(order.discountTotal).to.equal(20.25);
    expect(order.items.map((i: Json) => [i.sku, i.quantity, i.price, i.deductible])).to.deep.equal([
      ['TS-1', 2, 450.5, true],
      ['MUG-9', 1, 120, true],
    ]);
    expect(order.items[0].productId).to.be.a('string').and.not.equal('');
    expect(order.delivery).to.deep.include({ method: 'Nova Poshta', cost: 70, address: 'Kyiv, branch 12' });
    expect(order.customer).to.include({ firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' });
    expect(order.customer.contactId).to.be.a('string').and.not.equal('');
  });

  it('lists local orders under store=local and not under store=integrations, newest first under all', async () => {
    await importOrder(api, 'imp-old', '2020-01-01T00:00:00.000Z');
    const created = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const id = created.json.id as string;

    const local = await api.call('GET', '/v1/orders?store=local', { token: api.tokens.viewer });
    expect(local.status).to.equal(200);
    expect(local.json).to.include({ total: 1, page: 1, limit: 20 });
    expect(local.json.items.map((o: Json) => o.id)).to.deep.equal([id]);
    const row = local.json.items[0];
    for (const field of ['id', 'number', 'source', 'integrationId', 'externalId', 'storeName', 'platformUrl', 'status', 'currency', 'total', 'createdAtPlatform', 'lastSyncedAt', 'customer', 'items', 'discountTotal', 'delivery', 'comment']) {
      expect(row, field).to.have.property(field);
    }
    expect(row.total).to.equal(1070.75);

    const integrations = await api.call('GET', '/v1/orders?store=integrations', { token: api.tokens.viewer });
    expect(integrations.json.items.map((o: Json) => o.id)).to.deep.equal(['imp-old']);
    expect(integrations.json.items[0]).to.include({ source: 'integration', storeName: 'Kyiv web shop', platformUrl: 'https://shop.example/orders/imp-old', total: 999.99 });

    const all = await api.call('GET', '/v1/orders?store=all', { token: api.tokens.viewer });
    expect(all.json.total).to.equal(2);
    expect(all.json.items.map((o: Json) => o.id)).to.deep.equal([id, 'imp-old']);

    const byIntegration = await api.call('GET', '/v1/orders?integrationId=int-1&status=new', { token: api.tokens.viewer });
    expect(byIntegration.json.items.map((o: Json) => o.id)).to.deep.equal(['imp-old']);

    const paged = await api.call('GET', '/v1/orders?page=2&limit=1', { token: api.tokens.viewer });
    expect(paged.json).to.include({ total: 2, page: 2, limit: 1 });
    expect(paged.json.items.map((o: Json) => o.id)).to.deep.equal(['imp-old']);
  });

  describe('paging by cursor', () => {
    /** Every page from `first` on, by the Link of each; each answer's nextCursor and Link agree. */
    async function walk(first: string, between: (page: number) => Promise<void> = async () => undefined) {
      const pages: Json[] = [];
      for (let next: string | undefined = first; next !== undefined; ) {
        const answer = await api.call('GET', next, { token: api.tokens.viewer });
        expect(answer.status, JSON.stringify(answer.json)).to.equal(200);
        pages.push({ ...answer.json, link: answer.link });
        next = nextPageOf(answer.link);
        expect(next === undefined).to.equal(answer.json.nextCursor === null);
        await between(pages.length);
      }
      return pages;
    }

    it('given orders, some placed at the same time, when walked by cursor, then each comes exactly once, newest first and ties by id, also with orders added meanwhile', async () => {
      const placed = ['2024-01-05', '2024-01-04', '2024-01-04', '2024-01-04', '2024-01-03', '2024-01-02', '2024-01-01'];
      for (const [i, day] of placed.entries()) await importOrder(api, `o${i}`, `${day}T00:00:00.000Z`);

      const pages = await walk('/v1/orders?store=integrations&limit=3', async (page) => {
        // Added behind the walk (newer than page 1) and ahead of it (older than anything listed).
        if (page === 1) {
          await importOrder(api, 'newer', '2025-01-01T00:00:00.000Z');
          await importOrder(api, 'older', '2023-01-01T00:00:00.000Z');
        }
      });

      expect(pages.flatMap((page) => page.items.map((o: Json) => o.id))).to.deep.equal(['o0', 'o3', 'o2', 'o1', 'o4', 'o5', 'o6', 'older']);
      expect(pages.map((page) => page.page)).to.deep.equal([1, null, null]);
      expect(pages.map((page) => page.total)).to.deep.equal([7, 9, 9]);
      expect(pages.at(-1)).to.include({ nextCursor: null, link: null });
    });

    it('given a filtered list, then its Link keeps the filters, drops the page number, and its last page has no Link and a null nextCursor', async () => {
      for (let i = 0; i < 3; i++) await importOrder(api, `o${i}`, `2024-01-0${i + 1}T00:00:00.000Z`);
      const first = await api.call('GET', '/v1/orders?integrationId=int-1&status=new&store=integrations&page=1&limit=2', { token: api.tokens.viewer });
      expect(first.json.items.map((o: Json) => o.id)).to.deep.equal(['o2', 'o1']);
      const link = /^<(\/v1\/orders\?[^>]+)>; rel="next"$/.exec(first.link ?? '')?.[1];
      const query = new URLSearchParams(link!.split('?')[1]);
      expect(Object.fromEntries(query)).to.deep.equal({ integrationId: 'int-1', status: 'new', store: 'integrations', after: first.json.nextCursor, limit: '2' });

      const last = await api.call('GET', link!, { token: api.tokens.viewer });
      expect(last.json).to.include({ total: 3, page: null, limit: 2, nextCursor: null });
      expect(last.json.items.map((o: Json) => o.id)).to.deep.equal(['o0']);
      expect(last.link).to.equal(null);
    });

    it('given a cursor that is damaged, of another list, or beside a page number, then the answer is a 400 problem naming the field', async () => {
      for (let i = 0; i < 2; i++) await importOrder(api, `o${i}`, `2024-01-0${i + 1}T00:00:00.000Z`);
      await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
      const cursor = (await api.call('GET', '/v1/orders?limit=1', { token: api.tokens.viewer })).json.nextCursor as string;
      const productsCursor = Buffer.from(JSON.stringify(['name', 'Mug', 'p1'])).toString('base64url');
      const tampered = (value: unknown) => Buffer.from(JSON.stringify(['-createdAt', value, 'o1'])).toString('base64url');
      const refusals = {
        'not+base64': 'after',
        [cursor.slice(0, -3)]: 'after',
        [Buffer.from('{"page":2}').toString('base64url')]: 'after',
        [productsCursor]: 'after',
        [tampered({ $gt: '' })]: 'after',
        [tampered('2024\u0000')]: 'after',
        [tampered('\ud800')]: 'after',
        [Buffer.from(JSON.stringify(['-createdAt', '2024', 'o1\u0000'])).toString('base64url')]: 'after',
      };
      for (const [after, field] of Object.entries(refusals)) {
        const answer = await api.call('GET', `/v1/orders?after=${encodeURIComponent(after)}`, { token: api.tokens.viewer });
        expectProblem(answer, 400);
        expect(fieldsOf(answer), after).to.deep.equal([field]);
      }
      const beside = await api.call('GET', `/v1/orders?page=2&after=${cursor}`, { token: api.tokens.viewer });
      expectProblem(beside, 400);
      expect(fieldsOf(beside)).to.deep.equal(['page']);
      expect((await api.call('GET', `/v1/orders?page=1&after=${cursor}`, { token: api.tokens.viewer })).status).to.equal(200);
    });

    it('given products and contacts, when walked by cursor, then each comes once in name order, also a phone search gathered in memory', async () => {
      // Two buyers of the same name are two contacts: a tie that their ids order.
      const buyers = ['Mug', 'Cup', 'Mug', 'Bowl', 'Plate'];
      const products = ['Mug', 'Cup', 'Jug', 'Bowl', 'Plate'];
      for (const [i, name] of products.entries()) {
        const customer = { firstName: buyers[i], lastName: 'Koval', phone: `+38067123450${i}`, email: '' };
        const body = { ...localOrder(), number: `N-${i}`, items: [{ sku: `SKU-${i}`, name, quantity: 1, price: 10 }], customer };
        const created = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body });
        expect(created.status, JSON.stringify(created.json)).to.equal(201);
      }
      const listed = (await walk('/v1/products?limit=2')).flatMap((page) => page.items);
      expect(listed.map((p: Json) => p.name)).to.deep.equal(['Bowl', 'Cup', 'Jug', 'Mug', 'Plate']);
      const contacts = (await walk('/v1/contacts?q=koval&limit=2')).flatMap((page) => page.items);
      expect(contacts.map((c: Json) => c.firstName)).to.deep.equal(['Bowl', 'Cup', 'Mug', 'Mug', 'Plate']);
      expect(new Set(contacts.map((c: Json) => c.id)).size).to.equal(5);
      const byPhone = await walk('/v1/contacts?phone=%2B380671234502&limit=1');
      expect(byPhone.flatMap((page) => page.items.map((c: Json) => c.firstName))).to.deep.equal(['Mug']);
    });
  });

  it('refuses a NUL character in a filter with 400 naming the field', async () => {
    const filtered = await api.call('GET', '/v1/orders?status=%00', { token: api.tokens.viewer });
    expect(filtered.status).to.equal(400);
    expect(filtered.json.errors).to.deep.include({ field: 'status', reason: 'must not contain a NUL character (U+0000)' });
  });

  it('shows an order in detail with its feed, and a 404 problem for an unknown or malformed id', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const detail = await api.call('GET', `/v1/orders/${order.id}`, { token: api.tokens.viewer });
    expect(detail.status).to.equal(200);
    expect(detail.json).to.include({ id: order.id, writtenOff: false, total: 1070.75 });
    expect(detail.json.feed).to.have.length(1);
    expect(detail.json.feed[0]).to.include({ type: 'OrderCreated' });
    expect(detail.json.feed[0].text).to.contain('L-100');

    expectProblem(await api.call('GET', '/v1/orders/no-such-order', { token: api.tokens.viewer }), 404);
    expectProblem(await api.call('GET', `/v1/orders/${encodeURIComponent('bad id!')}`, { token: api.tokens.viewer }), 404);
    expectProblem(await api.call('POST', '/v1/orders/no-such-order/write-off', { token: api.tokens.operator }), 404);
  });

  it('changes the status and shows it with a feed line at once', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const changed = await api.call('POST', `/v1/orders/${order.id}/status`, { token: api.tokens.operator, body: { status: 'paid' } });
    expect(changed.status).to.equal(200);
    expect(changed.json.status).to.equal('paid');
    expect(changed.json.feed.at(-1)).to.include({ type: 'StatusChanged' });
    expect(changed.json.feed.at(-1).text).to.contain('new').and.contain('paid');
    const listed = await api.call('GET', '/v1/orders?status=paid', { token: api.tokens.viewer });
    expect(listed.json.items.map((o: Json) => o.id)).to.deep.equal([order.id]);
    expectProblem(await api.call('POST', `/v1/orders/${order.id}/status`, { token: api.tokens.operator, body: { status: '' } }), 400);
  });

  it('given a listed order, when it changes, then the next list shows the change at once, and an unchanged one as before', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const { json: other } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: { ...localOrder(), number: 'L-101' } });
    const listed = async () => (await api.call('GET', '/v1/orders?store=local', { token: api.tokens.viewer })).json.items as Json[];
    const before = await listed();
    expect(before.map((o) => [o.number, o.status, o.writtenOff])).to.have.deep.members([
      ['L-100', 'new', false],
      ['L-101', 'new', false],
    ]);
    await api.call('POST', `/v1/orders/${order.id}/status`, { token: api.tokens.operator, body: { status: 'paid' } });
    await api.call('POST', `/v1/orders/${order.id}/write-off`, { token: api.tokens.operator });
    const after = await listed();
    expect(after.find((o) => o.id === order.id)).to.include({ status: 'paid', writtenOff: true });
    expect(after.find((o) => o.id === other.id)).to.deep.equal(before.find((o) => o.id === other.id));
  });

  it('given a list answered with an ETag, when asked again with If-None-Match, then it is 304 until an order of the page changes', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const list = (etag?: string) => getWithETag(api, '/v1/orders?store=local', etag);
    const first = await list();
    expect(first.etag).to.match(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect((await list()).etag).to.equal(first.etag);
    expect(await list(first.etag)).to.include({ status: 304, body: '' });
    await api.call('POST', `/v1/orders/${order.id}/status`, { token: api.tokens.operator, body: { status: 'paid' } });
    const changed = await list(first.etag);
    expect(changed.status).to.equal(200);
    expect(changed.etag).to.not.equal(first.etag);
    expect(JSON.parse(changed.body).items[0].status).to.equal('paid');
  });

  it('given an order shown in detail, when another writer (an import) changes it, then the next answer shows it as it is now, and If-None-Match is 304 only before', async () => {
    await importOrder(api, 'o-detail', '2026-11-04T07:00:00.000Z');
    const detail = (etag?: string) => getWithETag(api, '/v1/orders/o-detail', etag);
    const first = await detail();
    expect(first.status).to.equal(200);
    expect(first.etag).to.match(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(await detail(first.etag)).to.include({ status: 304, body: '' });
    const { position } = await handleCommand(api.store, orderDecider, orderStream('o-detail'), { type: 'ChangeStatus', data: { to: 'paid', at: '2026-11-04T09:00:00.000Z' } });
    await api.applied(position);
    const changed = await detail(first.etag);
    expect(changed.status).to.equal(200);
    expect(changed.etag).to.not.equal(first.etag);
    const shown = JSON.parse(changed.body);
    expect(shown.status).to.equal('paid');
    expect(shown.feed.at(-1)).to.include({ type: 'StatusChanged' });
    expect((await detail()).body).to.equal(changed.body);
  });

  it('given orders whose answers are not kept, when their details are asked at once, then the orders are read whole in one query, each answer its own order', async () => {
    await api.close();
    const readModels = new CountedOrderReads();
    api = await startApi(readModels);
    for (let i = 0; i < 12; i++) await importOrder(api, `o-${i}`, `2026-11-0${1 + (i % 9)}T07:00:00.000Z`);
    readModels.wholeReads.length = 0;

    const ids = Array.from({ length: 12 }, (_, i) => `o-${i}`);

    const answers = await pipelined(api, ids.map((id) => `/v1/orders/${id}`));

    expect(answers.map((answer) => [answer.status, JSON.parse(answer.body).id])).to.deep.equal(ids.map((id) => [200, id]));
    expect(readModels.wholeReads).to.have.length(1);
    expect([...readModels.wholeReads[0]].sort()).to.deep.equal([...ids].sort());
  });

  it('given a list read under way, when an order is created and the same list asked, then that answer shows the order: it waits for a read of its own', async () => {
    await api.close();
    const readModels = new HeldListReads();
    api = await startApi(readModels);
    readModels.hold();
    const before = api.call('GET', '/v1/orders?store=all', { token: api.tokens.viewer });
    await eventually(() => expect(readModels.listReads).to.equal(1));
    const created = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    expect(created.status).to.equal(201);
    const after = api.call('GET', '/v1/orders?store=all', { token: api.tokens.viewer });
    // Time for the second request to reach the route while the first read is still held.
    await new Promise((resolve) => setTimeout(resolve, 100));
    readModels.release();
    expect((await before).json.items).to.deep.equal([]);
    expect((await after).json.items.map((o: Json) => o.id)).to.deep.equal([created.json.id]);
    expect(readModels.listReads).to.equal(2);
  });

  it('writes the stock off once; a second write-off is a 409 problem', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    const first = await api.call('POST', `/v1/orders/${order.id}/write-off`, { token: api.tokens.operator });
    expect(first.status).to.equal(200);
    expect(first.json.writtenOff).to.equal(true);
    const second = await api.call('POST', `/v1/orders/${order.id}/write-off`, { token: api.tokens.operator });
    expectProblem(second, 409);
    expect(second.json.detail).to.match(/written off already/);
  });

  it('lets a viewer read but not write: POSTs answer 403', async () => {
    const { json: order } = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: localOrder() });
    expectProblem(await api.call('POST', '/v1/orders', { token: api.tokens.viewer, body: localOrder() }), 403);
    expectProblem(await api.call('POST', `/v1/orders/${order.id}/status`, { token: api.tokens.viewer, body: { status: 'paid' } }), 403);
    expectProblem(await api.call('POST', `/v1/orders/${order.id}/write-off`, { token: api.tokens.viewer }), 403);
    const still = await api.call('GET', `/v1/orders/${order.id}`, { token: api.tokens.viewer });
    expect(still.json).to.include({ status: 'new', writtenOff: false });
  });

  it('given null for the optional status, discounts and comment, when an order is created, then they are taken as left out', async () => {
    const created = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: { ...localOrder(), status: null, discounts: null, comment: null } });
    expect(created.status, JSON.stringify(created.json)).to.equal(201);
    expect(created.json).to.include({ status: 'new', comment: '', discountTotal: 0 });
  });

  it('refuses a bad body with 400 naming each bad field, unknown fields included', async () => {
    const body = localOrder();
    body.items[0]!.quantity = -1;
    const bad = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).to.include('items[0].quantity');

    const unknown = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: { ...localOrder(), colour: 'red' } });
    expectProblem(unknown, 400);
    expect(fieldsOf(unknown)).to.include('colour');

    const tooPrecise = localOrder();
    tooPrecise.items[1]!.price = 1.005;
    expect(fieldsOf(await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: tooPrecise }))).to.include('items[1].price');

    const noCurrency = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body: { ...localOrder(), currency: 'hryvnia' } });
    expect(fieldsOf(noCurrency)).to.include('currency');

    expect(fieldsOf(await api.call('GET', '/v1/orders?store=elsewhere', { token: api.tokens.viewer }))).to.include('store');
    expect(fieldsOf(await api.call('GET', '/v1/orders?limit=1000', { token: api.tokens.viewer }))).to.include('limit');
    expect(fieldsOf(await api.call('GET', '/v1/orders?sort=id', { token: api.tokens.viewer }))).to.include('sort');

    const all = await api.call('GET', '/v1/orders', { token: api.tokens.viewer });
    expect(all.json.total, 'no refused order was created').to.equal(0);
  });

  it('refuses a customer phone that is no phone number with 400 naming customer.phone', async () => {
    const body = localOrder();
    body.customer.phone = '12';
    const answer = await api.call('POST', '/v1/orders', { token: api.tokens.operator, body });
    expectProblem(answer, 400);
    expect(fieldsOf(answer)).to.deep.equal(['customer.phone']);
  });
});

describe('Products and contacts API over HTTP', function () {
  this.timeout(20_000);
  let api: Api;
  before(async () => {
    api = await startApi();
    const at = '2026-11-04T07:00:00.000Z';
    await handleCommand(api.store, productDecider, productStream('p-shirt'), {
      type: 'RegisterProduct',
      data: { productId: 'p-shirt', sku: 'TS-1', name: 'Blue T-Shirt', description: 'Cotton', category: 'Shirts', isService: false, variants: [{ sku: 'TS-1-M', properties: { size: 'M' } }], at },
    });
    await handleCommand(api.store, productDecider, productStream('p-mug'), {
      type: 'RegisterProduct',
      data: { productId: 'p-mug', sku: 'MUG-9', name: 'Coffee mug', description: '', category: 'Kitchen', isService: false, variants: [], at },
    });
    await handleCommand(api.store, contactDecider, contactStream('c-olena'), {
      type: 'RegisterContact',
      data: { contactId: 'c-olena', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com', at },
    });
    // Ivan was stored by a version before phones were kept in E.164: his national spelling, as it was written then.
    const { lastPosition: position } = await api.store.appendToStream(contactStream('c-ivan'), [
      { type: 'ContactRegistered', data: { contactId: 'c-ivan', firstName: 'Ivan', lastName: 'Bondar', phone: '0509876543', email: 'ivan@shop.ua', registeredAt: at } },
    ]);
    await api.applied(position);
  });
  after(async () => api.close());

  const ids = (answer: { json: Json }) => (answer.json.items as Json[]).map((item) => item.id);

  it('finds products by exact article and by text, with their variants', async () => {
    const bySku = await api.call('GET', '/v1/products?sku=TS-1', { token: api.tokens.viewer });
    expect(bySku.status).to.equal(200);
    expect(bySku.json).to.include({ total: 1, page: 1 });
    expect(bySku.json.items[0]).to.deep.equal({
      id: 'p-shirt',
      sku: 'TS-1',
      name: 'Blue T-Shirt',
      description: 'Cotton',
      unit: 'piece',
      category: 'Shirts',
      isService: false,
      variants: [{ sku: 'TS-1-M', properties: { size: 'M' } }],
      stock: 0,
      syncStock: false,
      showInEcommerce: false,
      stockPushes: [],
      publishedOn: {},
    });
    expect(ids(await api.call('GET', '/v1/products?q=MUG', { token: api.tokens.viewer }))).to.deep.equal(['p-mug']);
    expect(ids(await api.call('GET', '/v1/products?q=t-sh', { token: api.tokens.viewer }))).to.deep.equal(['p-shirt']);
    expect(ids(await api.call('GET', '/v1/products', { token: api.tokens.viewer }))).to.deep.equal(['p-shirt', 'p-mug']);
    expect((await api.call('GET', '/v1/products/p-mug', { token: api.tokens.viewer })).json).to.include({ id: 'p-mug', sku: 'MUG-9' });
    expectProblem(await api.call('GET', '/v1/products/p-none', { token: api.tokens.viewer }), 404);
    expect(fieldsOf(await api.call('GET', '/v1/products?colour=red', { token: api.tokens.viewer }))).to.include('colour');
  });

  it('finds contacts by phone in any spelling and by text in name, e-mail or phone', async () => {
    const byPhone = await api.call('GET', `/v1/contacts?phone=${encodeURIComponent('+38 (067) 123-45-67')}`, { token: api.tokens.viewer });
    expect(byPhone.status).to.equal(200);
    expect(byPhone.json.items).to.deep.equal([{ id: 'c-olena', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com' }]);
    expect(ids(await api.call('GET', '/v1/contacts?phone=050-987-65-43', { token: api.tokens.viewer }))).to.deep.equal(['c-ivan']);
    expect(ids(await api.call('GET', '/v1/contacts?phone=12', { token: api.tokens.viewer }))).to.deep.equal([]);
    expect(ids(await api.call('GET', '/v1/contacts?q=bondar', { token: api.tokens.viewer }))).to.deep.equal(['c-ivan']);
    expect(ids(await api.call('GET', '/v1/contacts?q=EXAMPLE.COM', { token: api.tokens.viewer }))).to.deep.equal(['c-olena']);
    expect((await api.call('GET', '/v1/contacts/c-ivan', { token: api.tokens.viewer })).json).to.include({ firstName: 'Ivan', phone: '0509876543' });
    expectProblem(await api.call('GET', '/v1/contacts/nobody', { token: api.tokens.viewer }), 404);
  });

  it('needs a token to read the catalogue', async () => {
    expectProblem(await api.call('GET', '/v1/products', { token: 'shub_not-a-real-token' }), 401);
  });
});

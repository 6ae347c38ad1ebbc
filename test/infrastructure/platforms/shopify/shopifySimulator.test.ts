import { expect } from 'chai';
import {
  seedShopifyOrders,
  seedShopifyProducts,
  startShopifySimulator,
  type ShopifySimulator,
  type ShopifySimulatorOptions,
} from '../../../../simulators/shopify/index.js';

const DAY = 86_400_000;
const APP = { clientId: 'sim-test-client', clientSecret: 'sim-test-secret-4b7e' };

describe('Shopify simulator: what Shopify refuses, it refuses', function () {
  this.timeout(20_000);
  const running: ShopifySimulator[] = [];
  const start = async (options: Partial<ShopifySimulatorOptions> = {}) => {
    const simulator = await startShopifySimulator({
      app: APP,
      seedOrders: seedShopifyOrders({ count: 30, seed: 21, startAt: new Date(Date.now() - 3 * DAY) }),
      ...options,
    });
    running.push(simulator);
    return simulator;
  };
  after(async () => Promise.all(running.map((simulator) => simulator.close())));

  const tokenFor = async (simulator: ShopifySimulator, secret = APP.clientSecret) =>
    fetch(`${simulator.baseUrl}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP.clientId, client_secret: secret }),
    });
  const token = async (simulator: ShopifySimulator) => ((await (await tokenFor(simulator)).json()) as { access_token: string }).access_token;
  const graphql = async (simulator: ShopifySimulator, accessToken: string, query: string, variables: Record<string, unknown> = {}, version = simulator.apiVersion) => {
    const response = await fetch(`${simulator.baseUrl}/admin/api/${version}/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': accessToken },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  describe('tokens', () => {
    it('given the client id and secret, form-encoded as Shopify documents it, then a token, its scopes and its lifetime', async () => {
      const simulator = await start({ app: { ...APP, tokenTtlSeconds: 86_399 } });
      const response = await tokenFor(simulator);
      expect(response.status).to.equal(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.access_token).to.match(/^shpat_[0-9a-f]{32}$/);
      expect(body).to.include({ expires_in: 86_399 });
      expect(String(body.scope).split(',')).to.include.members(['read_orders', 'write_orders', 'read_products', 'write_inventory']);
    });

    it('given a wrong secret or another grant type, then 400 and no token', async () => {
      const simulator = await start();
      const wrong = await tokenFor(simulator, 'not-the-secret');
      expect(wrong.status).to.equal(400);
      expect(await wrong.json()).to.include({ error: 'invalid_client' });
      const password = await fetch(`${simulator.baseUrl}/admin/oauth/access_token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', client_id: APP.clientId, client_secret: APP.clientSecret }),
      });
      expect(password.status).to.equal(400);
      expect(simulator.tokensGranted).to.equal(0);
    });

    it('given no token, an unknown one or one that expired, then the API answers 401', async () => {
      const simulator = await start();
      const query = '{ orders(first: 1) { nodes { id } } }';
      expect((await graphql(simulator, '', query)).status).to.equal(401);
      expect((await graphql(simulator, 'shpat_made_up', query)).status).to.equal(401);
      const granted = await token(simulator);
      expect((await graphql(simulator, granted, query)).status).to.equal(200);
      simulator.expireTokens();
      const expired = await graphql(simulator, granted, query);
      expect(expired.status).to.equal(401);
      expect(expired.body.errors).to.match(/Invalid API key or access token/);
    });
  });

  describe('the schema', () => {
    it('given a field, an argument or a variable type Shopify does not have, then GraphQL errors and no data', async () => {
      const simulator = await start();
      const granted = await token(simulator);
      const field = await graphql(simulator, granted, '{ orders(first: 1) { nodes { id totalPrice2 } } }');
      expect(field.status).to.equal(200);
      expect(field.body.data).to.equal(undefined);
      expect(field.body.errors[0].message).to.match(/Cannot query field "totalPrice2" on type "Order"/);
      const argument = await graphql(simulator, granted, '{ orders(first: 1, status: ANY) { nodes { id } } }');
      expect(argument.body.errors[0].message).to.match(/Unknown argument "status" on field "QueryRoot.orders"/);
      const variable = await graphql(simulator, granted, 'query($n: Int!) { orders(first: $n) { nodes { id } } }', { n: 'ten' });
      expect(variable.body.errors[0].message).to.match(/Variable "\$n" has invalid value/);
    });

    it('given a connection without first or last, or with more than 250, then it is refused as Shopify refuses it', async () => {
      const simulator = await start();
      const granted = await token(simulator);
      expect((await graphql(simulator, granted, '{ orders { nodes { id } } }')).body.errors[0].message).to.equal('you must provide one of first or last');
      expect((await graphql(simulator, granted, '{ orders(first: 251) { nodes { id } } }')).body.errors[0].message).to.match(/maximum number of items you can request with first or last is 250/);
    });

    it('given another API version or a REST path, then 404: the simulator serves the GraphQL API of its one version', async () => {
      const simulator = await start();
      const granted = await token(simulator);
      expect((await graphql(simulator, granted, '{ orders(first: 1) { nodes { id } } }', {}, '2024-10')).status).to.equal(404);
      const rest = await fetch(`${simulator.baseUrl}/admin/api/${simulator.apiVersion}/orders.json`, { headers: { 'X-Shopify-Access-Token': granted } });
      expect(rest.status).to.equal(404);
    });
  });

  describe('cost', () => {
    const ORDERS_WITH_LINES = '{ orders(first: 10) { nodes { id lineItems(first: 5) { nodes { id } } } } }';

    it("given a query, then its requested cost follows Shopify's rules and its actual cost what came back", async () => {
      // The bucket's clock stands still, so what it reports is only what the query cost, however slow the machine.
      const simulator = await start({ limitsClock: () => Date.parse('2026-12-01T00:00:00Z') });
      const { body } = await graphql(simulator, await token(simulator), ORDERS_WITH_LINES);
      // 2 for the orders connection + 10 orders × (1 for the order + 2 + 5 × 1 for its lines connection).
      expect(body.extensions.cost.requestedQueryCost).to.equal(82);
      const lines = body.data.orders.nodes.reduce((sum: number, order: any) => sum + order.lineItems.nodes.length, 0);
      expect(body.extensions.cost.actualQueryCost).to.equal(2 + 10 * 3 + lines);
      expect(body.extensions.cost.throttleStatus).to.deep.equal({ maximumAvailable: 2000, currentlyAvailable: 2000 - body.extensions.cost.actualQueryCost, restoreRate: 100 });
    });

    it('given a mutation, then it costs 10 whatever it selects', async () => {
      const simulator = await start();
      const order = simulator.orders.all()[0];
      const { body } = await graphql(simulator, await token(simulator), 'mutation($id: ID!) { orderClose(input: { id: $id }) { order { id closedAt } userErrors { message } } }', { id: `gid://shopify/Order/${order.id}` });
      expect(body.extensions.cost).to.include({ requestedQueryCost: 10, actualQueryCost: 10 });
      expect(body.data.orderClose.order.closedAt).to.be.a('string');
    });

    it('given an empty bucket, then THROTTLED with the bucket as it stands, and the query did nothing', async () => {
      const simulator = await start({ bucket: { maximumAvailable: 100, restoreRate: 1 } });
      const granted = await token(simulator);
      const first = await graphql(simulator, granted, ORDERS_WITH_LINES);
      expect(first.body.data.orders.nodes).to.have.length(10);
      const second = await graphql(simulator, granted, ORDERS_WITH_LINES);
      expect(second.status).to.equal(200);
      expect(second.body.data).to.equal(undefined);
      expect(second.body.errors).to.deep.equal([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }]);
      expect(second.body.extensions.cost).to.include({ requestedQueryCost: 82, actualQueryCost: null });
      expect(second.body.extensions.cost.throttleStatus.currentlyAvailable).to.be.below(82);
      expect(simulator.throttledCount).to.equal(1);
    });

    it('given a query dearer than the bucket or than 1000, then MAX_COST_EXCEEDED: it could never run', async () => {
      const small = await start({ bucket: { maximumAvailable: 100, restoreRate: 50 } });
      const tooBig = await graphql(small, await token(small), '{ orders(first: 20) { nodes { id lineItems(first: 5) { nodes { id } } } } }');
      expect(tooBig.body.errors[0].extensions).to.include({ code: 'MAX_COST_EXCEEDED', cost: 162, maxCost: 100 });
      const big = await start();
      const tooBigAnywhere = await graphql(big, await token(big), '{ orders(first: 250) { nodes { id lineItems(first: 5) { nodes { id } } } } }');
      expect(tooBigAnywhere.body.errors[0].extensions).to.include({ code: 'MAX_COST_EXCEEDED', cost: 2002, maxCost: 1000 });
    });
  });

  describe('access scopes', () => {
    it('given an app without read_orders, then orders are ACCESS_DENIED naming the scope', async () => {
      const simulator = await start({ app: { ...APP, scopes: ['read_products'] } });
      const { body } = await graphql(simulator, await token(simulator), '{ orders(first: 1) { nodes { id } } }');
      expect(body.errors[0]).to.deep.include({ message: 'Access denied for orders field. Required access: `read_orders` access scope.' });
      expect(body.errors[0].extensions.code).to.equal('ACCESS_DENIED');
    });

    it('given an app without read_all_orders, then orders older than 60 days are not there', async () => {
      const seedOrders = [...seedShopifyOrders({ count: 3, seed: 2, startAt: new Date(Date.now() - 90 * DAY) }), ...seedShopifyOrders({ count: 2, seed: 3, firstId: 7_000_000_001, startAt: new Date(Date.now() - DAY) })];
      const withoutAll = await start({ seedOrders, app: { ...APP, scopes: ['read_orders'] } });
      const recent = await graphql(withoutAll, await token(withoutAll), '{ orders(first: 10) { nodes { id } } }');
      expect(recent.body.data.orders.nodes.map((order: { id: string }) => order.id)).to.deep.equal(['gid://shopify/Order/7000000001', 'gid://shopify/Order/7000000002']);
      const withAll = await start({ seedOrders, app: { ...APP, scopes: ['read_orders', 'read_all_orders'] } });
      expect((await graphql(withAll, await token(withAll), '{ orders(first: 10) { nodes { id } } }')).body.data.orders.nodes).to.have.length(5);
    });
  });

  describe('stock', () => {
    const SET = `mutation($input: InventorySetQuantitiesInput!, $key: String!) {
      inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { code message } }
    }`;
    const input = (item: string, quantity: number, changeFrom: Record<string, unknown> = { changeFromQuantity: null }) => ({
      name: 'available',
      reason: 'correction',
      quantities: [{ inventoryItemId: item, locationId: 'gid://shopify/Location/71000000001', quantity, ...changeFrom }],
    });

    it('given quantities without @idempotent, or without an explicit changeFromQuantity, then they are refused', async () => {
      const simulator = await start({ seedProducts: seedShopifyProducts({ seed: 21 }) });
      const granted = await token(simulator);
      const item = `gid://shopify/InventoryItem/${simulator.catalogue.allVariants()[0].variant.inventoryItemId}`;
      const noKey = await graphql(simulator, granted, 'mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }', { input: input(item, 5) });
      expect(noKey.body.errors[0].message).to.match(/requires an idempotency key/);
      const noChangeFrom = await graphql(simulator, granted, SET, { input: input(item, 5, {}), key: 'k-1' });
      expect(noChangeFrom.body.data.inventorySetQuantities.userErrors[0].message).to.match(/changeFromQuantity must be given/);
      const stale = await graphql(simulator, granted, SET, { input: input(item, 5, { changeFromQuantity: 3 }), key: 'k-2' });
      expect(stale.body.data.inventorySetQuantities.userErrors[0].code).to.equal('CHANGE_FROM_QUANTITY_STALE');
      expect(simulator.availableOf(simulator.catalogue.allVariants()[0].variant.sku!)).to.equal(0);
    });

    it('given a key used again with the same input, then the first answer comes back and nothing is applied twice', async () => {
      const simulator = await start({ seedProducts: seedShopifyProducts({ seed: 21 }) });
      const granted = await token(simulator);
      const { variant } = simulator.catalogue.allVariants()[0];
      const item = `gid://shopify/InventoryItem/${variant.inventoryItemId}`;
      const first = await graphql(simulator, granted, SET, { input: input(item, 5), key: 'push-1' });
      await graphql(simulator, granted, SET, { input: input(item, 9), key: 'push-2' });
      const replay = await graphql(simulator, granted, SET, { input: input(item, 5), key: 'push-1' });
      expect(replay.body.data).to.deep.equal(first.body.data);
      expect(simulator.availableOf(variant.sku!)).to.equal(9);
      const mismatch = await graphql(simulator, granted, SET, { input: input(item, 7), key: 'push-1' });
      expect(mismatch.body.data.inventorySetQuantities.userErrors[0].code).to.equal('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
    });
  });
});

import { createAdminApiClient } from '@shopify/admin-api-client';
import { expect } from 'chai';
import type { FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import { shopifyClientFor } from '../../../../src/infrastructure/platforms/shopify/index.js';
import * as documents from '../../../../src/infrastructure/platforms/shopify/shopifyDocuments.js';
import { mapShopifyOrderNode } from '../../../../src/infrastructure/platforms/shopify/shopifyOrderNodeMapping.js';
import { allowLocalPlatforms } from '../../../support/localPlatforms.js';
import { seedShopifyOrders, seedShopifyProducts, startShopifySimulator, type ShopifySimulator } from '../../../../simulators/shopify/index.js';

const DAY = 86_400_000;
const TOKEN = 'shpat_oracle_token_5c1e';

/**
 * Shopify's own client library as an oracle: every document the adapter sends, sent through @shopify/admin-api-client
 * (its request shape, headers and answer parsing) to the simulator, must come back with data and no errors.
 */
describe("The adapter's documents through Shopify's own @shopify/admin-api-client", function () {
  before(allowLocalPlatforms);
  this.timeout(20_000);
  let simulator: ShopifySimulator;
  let shopify: ReturnType<typeof createAdminApiClient>;

  before(async () => {
    simulator = await startShopifySimulator({
      accessToken: TOKEN,
      seedOrders: seedShopifyOrders({ count: 12, seed: 31, startAt: new Date(Date.now() - 2 * DAY) }),
      seedProducts: seedShopifyProducts({ seed: 31 }),
    });
    shopify = createAdminApiClient({
      storeDomain: 'synchub-oracle.myshopify.com',
      apiVersion: simulator.apiVersion,
      accessToken: TOKEN,
      // The library speaks https to the shop's domain; the simulator listens on plain http on loopback.
      customFetchApi: (url, init) => fetch(String(url).replace('https://synchub-oracle.myshopify.com', simulator.baseUrl), init),
    });
  });
  after(async () => simulator?.close());

  const open = (financial: string) => simulator.orders.all().find((order) => !order.cancelled_at && !order.closed_at && !order.fulfillment_status && order.financial_status === financial)!;
  const gid = (order: { id?: unknown }) => `gid://shopify/Order/${String(order.id)}`;
  const window = `updated_at:>='${new Date(Date.now() - 30 * DAY).toISOString().slice(0, 19)}Z' AND updated_at:<='${new Date(Date.now() + DAY).toISOString().slice(0, 19)}Z'`;
  const sku = () => simulator.catalogue.allProducts()[1].variants[0].sku!;
  const item = () => `gid://shopify/InventoryItem/${simulator.catalogue.allProducts()[1].variants[0].inventoryItemId}`;

  /** Variables like the adapter's, for each document (mutations on orders that can take them). */
  const cases: Array<[documents.ShopifyDocument, () => Record<string, unknown>]> = [
    [documents.ORDERS, () => ({ first: 10, after: null, query: window, lines: 5, shippingLines: 3 })],
    [documents.ORDER_BY_ID, () => ({ id: gid(simulator.orders.all()[0]), lines: 5, shippingLines: 3 })],
    [documents.ORDER_LINE_ITEMS, () => ({ id: gid(simulator.orders.all()[0]), first: 5, after: null })],
    [documents.FULFILLMENT_ORDERS, () => ({ id: gid(open('paid')), first: 20 })],
    [documents.PRODUCTS, () => ({ first: 10, after: null })],
    [documents.VARIANTS_BY_SKU, () => ({ first: 10, after: null, query: `sku:"${sku()}"` })],
    [documents.LOCATION, () => ({ id: null })],
    [documents.MARK_ORDER_PAID, () => ({ id: gid(open('pending')) })],
    [documents.FULFIL, () => ({ fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${Number(open('paid').id) * 10 + 1}` }], notifyCustomer: false } })],
    [documents.CLOSE_ORDER, () => ({ id: gid(open('paid')) })],
    [documents.CANCEL_ORDER, () => ({ id: gid(open('paid')) })],
    [documents.SET_STOCK, () => ({ input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: item(), locationId: 'gid://shopify/Location/71000000001', quantity: 4, changeFromQuantity: null }] }, key: 'oracle-1' })],
  ];

  it('given the list of cases, then it holds every document the adapter can send', () => {
    expect(cases.map(([document]) => document.name).sort()).to.deep.equal(documents.SHOPIFY_DOCUMENTS.map((document) => document.name).sort());
  });

  for (const [document, variables] of cases) {
    it(`given ${document.name}, then Shopify's client gets data and no errors, with the cost in its extensions`, async () => {
      const answer = await shopify.request(document.text, { variables: variables() });
      expect(answer.errors, JSON.stringify(answer.errors)).to.equal(undefined);
      expect(answer.data).to.be.an('object');
      const payload = Object.values(answer.data as Record<string, { userErrors?: unknown[]; orderCancelUserErrors?: unknown[] } | null>)[0];
      expect(payload, 'the root field answered').to.not.equal(null);
      expect(payload?.userErrors ?? payload?.orderCancelUserErrors ?? []).to.deep.equal([]);
      expect((answer.extensions as { cost?: { requestedQueryCost?: number } }).cost?.requestedQueryCost).to.be.a('number');
    });
  }

  it("given the orders Shopify's client reads, then the adapter reads the same orders over its own transport", async () => {
    const answer = await shopify.request(documents.ORDERS.text, { variables: { first: 20, after: null, query: window, lines: 5, shippingLines: 3 } });
    const orderUrl = (id: string) => `${simulator.baseUrl}/admin/orders/${id}`;
    const viaLibrary = ((answer.data as { orders: { nodes: unknown[] } }).orders.nodes).map((node) => mapShopifyOrderNode(node, undefined, { orderUrl }));
    const adapter = shopifyClientFor({ platform: 'shopify', baseUrl: simulator.baseUrl, credentials: { accessToken: TOKEN } });
    const viaAdapter: FetchedOrder[] = [];
    for await (const page of adapter.ordersUpdatedBetween({ from: new Date(Date.now() - 30 * DAY), to: new Date(Date.now() + DAY) })) viaAdapter.push(...page);
    expect(viaAdapter).to.deep.equal(viaLibrary);
    expect(viaAdapter).to.have.length(12);
  });
});

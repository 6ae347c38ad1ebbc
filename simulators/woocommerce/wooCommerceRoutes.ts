// The REST v3 routes the simulator serves: orders (list, one, status write) and products (list, SKU lookup, stock
// writes), each refusing, as its permission callback does, a request that authenticated nobody.
import type { IncomingMessage } from 'node:http';
import { jsonBody } from '../shared/simulatorHttp.js';
import { applyStock, listedProducts, type WooCommerceProductRecord, type WooCommerceStockWrite } from './wooCommerceCatalogue.js';
import { paginate, selectOrders, sortOrders } from './wooCommerceListing.js';
import type { WooCommerceOrderStore, RawWooCommerceOrder } from './wooCommerceOrderStore.js';

export const WOOCOMMERCE_API = '/wp-json/wc/v3';

export class Answer {
  constructor(readonly status: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {}
}

/** WordPress's error envelope. */
export const wpError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => new Answer(status, { code, message, data: { status } }, headers);

const NO_ROUTE = () => wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

/** What a route's permission callback answers nobody (rest_authorization_required_code() is 401 when logged out). */
const refusedFor = {
  list: () => wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
  view: () => wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'),
  edit: () => wpError(401, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'),
};

export interface WooCommerceStatusChange {
  orderId: number;
  from: unknown;
  to: string;
  at: string;
}

export interface WooCommerceShop {
  orders: WooCommerceOrderStore;
  catalogue: WooCommerceProductRecord[];
  statuses: string[];
  statusChanges: WooCommerceStatusChange[];
  stockWrites: WooCommerceStockWrite[];
  now(): Date;
  /** An order as the API shows it, with its _links. */
  present(order: RawWooCommerceOrder): unknown;
}

export class WooCommerceRoutes {
  constructor(private readonly shop: WooCommerceShop) {}

  async route(request: IncomingMessage, url: URL, authenticated: boolean): Promise<Answer> {
    const path = url.pathname.slice(WOOCOMMERCE_API.length).replace(/\/+$/, '');
    const query = url.searchParams;
    const method = request.method ?? 'GET';
    const write = method === 'PUT' || method === 'POST';
    if (path === '/orders' || path === '/products') {
      if (method !== 'GET') return NO_ROUTE();
      if (!authenticated) return refusedFor.list();
      return path === '/orders' ? this.listOrders(query) : this.listProducts(query);
    }
    const single = /^\/orders\/(\d+)$/.exec(path);
    const product = /^\/products\/(\d+)(?:\/variations\/(\d+))?$/.exec(path);
    if (!single && !product) return NO_ROUTE();
    if (method !== 'GET' && !write) return NO_ROUTE();
    if (!authenticated) return write ? refusedFor.edit() : refusedFor.view();
    if (single) return this.orderRoute(method, Number(single[1]), request);
    return this.productRoute(method, Number(product![1]), product![2] === undefined ? undefined : Number(product![2]), request);
  }

  private listOrders(query: URLSearchParams): Answer {
    const selected = sortOrders(selectOrders(this.shop.orders.all(), query, this.shop.orders.siteOffsetMinutes), query);
    const { page, headers } = paginate(selected, query);
    return new Answer(200, page.map((order) => this.shop.present(order)), headers);
  }

  private listProducts(query: URLSearchParams): Answer {
    const { page, headers } = paginate(listedProducts(this.shop.catalogue, query.get('sku')), query);
    return new Answer(200, page, headers);
  }

  private async orderRoute(method: string, id: number, request: IncomingMessage): Promise<Answer> {
    const { orders, statuses, statusChanges } = this.shop;
    const order = orders.all().find((candidate) => candidate.id === id);
    if (!order) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    if (method === 'GET') return new Answer(200, this.shop.present(order));
    const body = await jsonBody(request);
    if (body === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    if ('status' in body) {
      if (typeof body.status !== 'string' || !statuses.includes(body.status)) {
        return wpError(400, 'rest_invalid_param', `Invalid parameter(s): status (status is not one of ${statuses.join(', ')}.)`);
      }
      statusChanges.push({ orderId: id, from: order.status, to: body.status, at: this.shop.now().toISOString() });
      orders.setStatus(id, body.status);
    }
    return new Answer(200, this.shop.present(orders.all().find((candidate) => candidate.id === id)!));
  }

  private async productRoute(method: string, id: number, variationId: number | undefined, request: IncomingMessage): Promise<Answer> {
    const { catalogue, stockWrites } = this.shop;
    const parent = catalogue.find((candidate) => candidate.id === id && candidate.type !== 'variation');
    const target = variationId === undefined ? parent : catalogue.find((candidate) => candidate.id === variationId && candidate.parent_id === id);
    if (!parent || !target) return wpError(404, variationId === undefined ? 'woocommerce_rest_product_invalid_id' : 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
    if (method === 'GET') return new Answer(200, target);
    const body = await jsonBody(request);
    if (body === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const problem = applyStock(target, body);
    if (problem) return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${problem}`);
    if ('stock_quantity' in body) {
      stockWrites.push({ productId: target.id, ...(variationId === undefined ? {} : { parentId: id }), sku: target.sku, quantity: target.stock_quantity!, at: this.shop.now().toISOString() });
    }
    return new Answer(200, target);
  }
}

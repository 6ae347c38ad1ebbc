// The root fields the simulator models, as graphql's rootValue: orders and their status mutations, the catalogue, and
// stock at locations. Each checks the access scope Shopify asks for; what it does not model is not here (null).
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { ShopifyCatalogueStore, ShopifyProductRecord, ShopifyVariantRecord } from './shopifyCatalogueStore.js';
import { connectionOf, type ConnectionArgs } from './shopifyConnection.js';
import { gidOf, idOfGid } from './shopifyGid.js';
import { dateTime, fulfillmentOrderIdOf, orderNode } from './shopifyOrderNode.js';
import { ShopifyRefusal, type RawShopifyOrder, type ShopifyOrderStore } from './shopifyOrderStore.js';
import { filterBySearch, parseSearchQuery, type SearchWarning } from './shopifySearchQuery.js';
import { setQuantities } from './shopifyStockMutation.js';

export interface ShopifyStatusChange {
  orderId: number;
  action: 'cancel' | 'close' | 'fulfil' | 'markPaid';
  at: string;
}

export interface ResolverContext {
  scopes: ReadonlySet<string>;
  warnings: SearchWarning[];
}

export interface ShopData {
  orders: ShopifyOrderStore;
  catalogue: ShopifyCatalogueStore;
  statusChanges: ShopifyStatusChange[];
  now: () => Date;
}

/** The sort keys of orders the simulator knows (Shopify's default is PROCESSED_AT), as a number to sort by. */
const ORDER_SORT: Record<string, (order: RawShopifyOrder) => number> = {
  ID: (order) => order.id as number,
  PROCESSED_AT: (order) => timeOf(order.processed_at ?? order.created_at),
  CREATED_AT: (order) => timeOf(order.created_at),
  UPDATED_AT: (order) => timeOf(order.updated_at),
};

function timeOf(value: unknown): number {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? 0 : time;
}

/** Without read_all_orders an app sees the orders of the last 60 days only. */
const RECENT_ORDERS_MS = 60 * 24 * 60 * 60 * 1000;

type Args = Record<string, unknown>;

export function requireScope(context: ResolverContext, scope: string, field: string): void {
  if (context.scopes.has(scope)) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes', requiredAccess: `\`${scope}\` access scope.` },
  });
}

export function shopRootValue(shop: ShopData) {
  const visible = (order: RawShopifyOrder, context: ResolverContext) =>
    typeof order.id === 'number' && (context.scopes.has('read_all_orders') || Date.parse(String(order.created_at)) >= shop.now().getTime() - RECENT_ORDERS_MS);
  const node = (order: RawShopifyOrder, context: ResolverContext) => ({
    ...orderNode(order),
    customer: () => {
      requireScope(context, 'read_customers', 'customer');
      return orderNode(order).customer;
    },
    fulfillmentOrders: (args: ConnectionArgs) => {
      requireScope(context, 'read_merchant_managed_fulfillment_orders', 'fulfillmentOrders');
      return orderNode(order).fulfillmentOrders(args);
    },
  });
  const orderFor = (gid: unknown, context: ResolverContext) => {
    const order = shop.orders.get(idOfGid(gid, 'Order'));
    return order && visible(order, context) ? order : undefined;
  };
  const change = (orderId: number, action: ShopifyStatusChange['action'], apply: () => void): { field: string[]; message: string }[] => {
    try {
      apply();
      shop.statusChanges.push({ orderId, action, at: shop.now().toISOString() });
      return [];
    } catch (error) {
      if (error instanceof ShopifyRefusal) return [{ field: ['id'], message: error.message }];
      throw error;
    }
  };

  /** orderClose and orderMarkAsPaid: `input: {id}` in, the order and userErrors out. */
  const orderInputMutation = (field: string, action: 'close' | 'markPaid', id: unknown, context: ResolverContext) => {
    requireScope(context, 'write_orders', field);
    const order = orderFor(id, context);
    if (!order) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
    const userErrors = change(order.id as number, action, () => shop.orders[action](order.id as number));
    return { order: node(order, context), userErrors };
  };

  return {
    orders: (args: Args & ConnectionArgs, context: ResolverContext) => {
      requireScope(context, 'read_orders', 'orders');
      const sortBy = ORDER_SORT[String(args.sortKey ?? 'PROCESSED_AT')];
      if (!sortBy) throw new GraphQLError(`The simulator sorts orders by ${Object.keys(ORDER_SORT).join(', ')}, not ${String(args.sortKey)}`, { extensions: { code: 'BAD_REQUEST' } });
      const all = shop.orders.all().filter((order) => visible(order, context));
      const matching = filterBySearch(all, parseSearchQuery(args.query as string | undefined), {
        updated_at: (order) => Date.parse(String(order.updated_at)),
        created_at: (order) => Date.parse(String(order.created_at)),
        id: (order) => String(order.id),
      }, context.warnings);
      const page = connectionOf(matching, args, (order) => order.id as number, (order) => sortBy(order));
      return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: node(edge.node, context) })), nodes: page.nodes.map((order) => node(order, context)) };
    },
    order: (args: Args, context: ResolverContext) => {
      requireScope(context, 'read_orders', 'order');
      const order = orderFor(args.id, context);
      return order ? node(order, context) : null;
    },
    products: (args: Args & ConnectionArgs, context: ResolverContext) => {
      requireScope(context, 'read_products', 'products');
      const matching = filterBySearch(shop.catalogue.allProducts(), parseSearchQuery(args.query as string | undefined), {
        status: (product) => product.status.toLowerCase(),
        updated_at: (product) => Date.parse(product.updatedAt),
        sku: (product) => product.variants.find((variant) => variant.sku)?.sku,
      }, context.warnings);
      return mapConnection(connectionOf(matching, args, (product) => product.id), productNode);
    },
    productVariants: (args: Args & ConnectionArgs, context: ResolverContext) => {
      requireScope(context, 'read_products', 'productVariants');
      const matching = filterBySearch(shop.catalogue.allVariants(), parseSearchQuery(args.query as string | undefined), {
        sku: ({ variant }) => variant.sku,
        product_id: ({ product }) => String(product.id),
      }, context.warnings);
      return mapConnection(connectionOf(matching, args, ({ variant }) => variant.id), ({ product, variant }) => variantNode(product, variant));
    },
    location: (args: Args, context: ResolverContext) => {
      requireScope(context, 'read_locations', 'location');
      const location = shop.catalogue.location(args.id === undefined || args.id === null ? shop.catalogue.primaryLocationId : idOfGid(args.id, 'Location'));
      return location ? { id: gidOf('Location', location.id), name: location.name, isActive: location.isActive } : null;
    },
    locations: (args: ConnectionArgs & { includeInactive?: boolean | null }, context: ResolverContext) => {
      requireScope(context, 'read_locations', 'locations');
      const listed = shop.catalogue.locations.filter((location) => location.isActive || args.includeInactive === true);
      return mapConnection(connectionOf(listed, args, (location) => location.id), (location) => ({ id: gidOf('Location', location.id), name: location.name, isActive: location.isActive }));
    },

    orderCancel: (args: Args, context: ResolverContext) => {
      requireScope(context, 'write_orders', 'orderCancel');
      const order = orderFor(args.orderId, context);
      if (!order) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Order not found', code: 'NOT_FOUND' }] };
      const errors = change(order.id as number, 'cancel', () => shop.orders.cancel(order.id as number));
      // Cancelling runs as a job; the simulator finishes it before answering.
      return { job: errors.length ? null : { id: gidOf('Job', `${order.id}-cancel`), done: true }, orderCancelUserErrors: errors.map((error) => ({ ...error, field: ['orderId'], code: 'INVALID' })) };
    },
    orderClose: (args: { input: { id: unknown } }, context: ResolverContext) => orderInputMutation('orderClose', 'close', args.input.id, context),
    orderMarkAsPaid: (args: { input: { id: unknown } }, context: ResolverContext) => orderInputMutation('orderMarkAsPaid', 'markPaid', args.input.id, context),
    fulfillmentCreate: (args: { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: unknown }[] } }, context: ResolverContext) => {
      requireScope(context, 'write_merchant_managed_fulfillment_orders', 'fulfillmentCreate');
      const wanted = args.fulfillment.lineItemsByFulfillmentOrder.map((entry) => idOfGid(entry.fulfillmentOrderId, 'FulfillmentOrder'));
      const orderIds = new Set(wanted.map((id) => shop.orders.all().find((order) => typeof order.id === 'number' && fulfillmentOrderIdOf(order.id) === id)?.id));
      const [orderId] = [...orderIds];
      if (orderIds.size !== 1 || typeof orderId !== 'number') {
        return { fulfillment: null, userErrors: [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'Fulfillment orders must exist and belong to one order' }] };
      }
      let fulfillment: { id: number; status: string; created_at: string } | undefined;
      const userErrors = change(orderId, 'fulfil', () => (fulfillment = shop.orders.fulfil(orderId)));
      return {
        fulfillment: fulfillment ? { id: gidOf('Fulfillment', fulfillment.id), status: 'SUCCESS', createdAt: dateTime(fulfillment.created_at) } : null,
        userErrors: userErrors.map((error) => ({ ...error, field: ['fulfillment'] })),
      };
    },
    inventorySetQuantities: (args: Args, context: ResolverContext, info: GraphQLResolveInfo) => {
      requireScope(context, 'write_inventory', 'inventorySetQuantities');
      return setQuantities(shop.catalogue, args.input as never, info, shop.now());
    },
  };
}

function mapConnection<T, N>(page: ReturnType<typeof connectionOf<T>>, toNode: (item: T) => N) {
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toNode(edge.node) })), nodes: page.nodes.map(toNode) };
}

function productNode(product: ShopifyProductRecord) {
  return {
    id: gidOf('Product', product.id),
    title: product.title,
    handle: product.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    descriptionHtml: product.descriptionHtml,
    description: product.descriptionHtml.replace(/<[^>]*>/g, ''),
    productType: product.productType,
    vendor: product.vendor,
    status: product.status,
    createdAt: dateTime(product.createdAt),
    updatedAt: dateTime(product.updatedAt),
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0].title === 'Default Title',
    variants: (args: ConnectionArgs) => mapConnection(connectionOf(product.variants, args, (variant) => variant.id), (variant) => variantNode(product, variant)),
  };
}

function variantNode(product: ShopifyProductRecord, variant: ShopifyVariantRecord) {
  return {
    id: gidOf('ProductVariant', variant.id),
    sku: variant.sku,
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    price: variant.price,
    selectedOptions: variant.selectedOptions,
    inventoryItem: { id: gidOf('InventoryItem', variant.inventoryItemId), sku: variant.sku, tracked: true },
    product: { id: gidOf('Product', product.id), title: product.title },
  };
}

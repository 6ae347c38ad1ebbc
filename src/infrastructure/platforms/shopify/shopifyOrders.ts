// Orders from the GraphQL Admin API: those updated in a window, oldest id first, page by page; one by its id. Each order
// comes with its first line items; an order with more has the rest fetched before it is mapped, so no line is lost.
import type { FetchedOrder, UpdatedWindow } from '../../../application/ports/platformClient.js';
import { isPresent, type Json } from '../payload/payloadFields.js';
import { ORDER_BY_ID, ORDER_LINE_ITEMS, ORDERS } from './shopifyDocuments.js';
import type { ShopifyGraphql } from './shopifyGraphql.js';
import { mapShopifyOrderNode } from './shopifyOrderNodeMapping.js';
import { allPages } from './shopifyPaging.js';

/** Line items and shipping lines asked for with each order; most orders have fewer, the rest is paged for. */
const LINES_WITH_ORDER = 5;
const SHIPPING_LINES = 3;

export class ShopifyOrders {
  constructor(
    private readonly graphql: ShopifyGraphql,
    private readonly orderUrl: (id: string) => string,
  ) {}

  async *updatedBetween(window: UpdatedWindow, signal?: AbortSignal): AsyncIterable<FetchedOrder[]> {
    const variables = { query: updatedWithin(window), lines: LINES_WITH_ORDER, shippingLines: SHIPPING_LINES };
    for await (const nodes of allPages(this.graphql, ORDERS, variables, (data) => data.orders, { signal })) {
      const page: FetchedOrder[] = [];
      for (const node of nodes) page.push(await this.mapped(node, signal));
      yield page;
    }
  }

  /** The order with this numeric id (as the port knows it), or undefined when Shopify has none. */
  async byId(externalId: string): Promise<FetchedOrder | undefined> {
    const data = await this.graphql.run(ORDER_BY_ID, { id: orderGid(externalId), lines: LINES_WITH_ORDER, shippingLines: SHIPPING_LINES });
    return isPresent(data.order) ? this.mapped(data.order) : undefined;
  }

  private async mapped(node: unknown, signal?: AbortSignal): Promise<FetchedOrder> {
    return mapShopifyOrderNode(node, await this.allLineItems(node, signal), { orderUrl: this.orderUrl });
  }

  /** The order's line items when it has more than came with it; undefined leaves the page's own to the mapping. */
  private async allLineItems(node: unknown, signal?: AbortSignal): Promise<unknown[] | undefined> {
    const order = (typeof node === 'object' && node !== null ? node : {}) as Json;
    const connection = (typeof order.lineItems === 'object' && order.lineItems !== null ? order.lineItems : {}) as Json;
    const pageInfo = (connection.pageInfo ?? {}) as Json;
    if (pageInfo.hasNextPage !== true || typeof order.id !== 'string' || !Array.isArray(connection.nodes)) return undefined;
    const lines = [...connection.nodes];
    const after = typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : null;
    const more = allPages(this.graphql, ORDER_LINE_ITEMS, { id: order.id }, (data) => (data.order as Json | null)?.lineItems, { signal, after });
    for await (const page of more) lines.push(...page);
    return lines;
  }
}

export const orderGid = (externalId: string): string => `gid://shopify/Order/${externalId}`;

/** Shopify's search syntax, in whole UTC seconds: `from` rounded down and `to` up, so the window stays inclusive. */
function updatedWithin(window: UpdatedWindow): string {
  const seconds = (date: Date, round: (n: number) => number) => new Date(round(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `updated_at:>='${seconds(window.from, Math.floor)}' AND updated_at:<='${seconds(window.to, Math.ceil)}'`;
}

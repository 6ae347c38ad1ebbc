// Every GraphQL document the adapter can send, parsed once by graphql's parser (a typo fails at start, not at Shopify).
// test/infrastructure/platforms/shopify/shopifyDocuments.test.ts validates each against Shopify's own schema.
import { parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export interface ShopifyDocument {
  /** The operation name, sent along so Shopify's logs and the simulator name it. */
  readonly name: string;
  readonly text: string;
  readonly document: DocumentNode;
}

function document(source: string): ShopifyDocument {
  const parsed = parse(source);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  if (!operation?.name) throw new Error('every Shopify document is one named operation');
  return { name: operation.name.value, text: print(parsed), document: parsed };
}

// What the mapping reads of an order and of a line item (shopifyOrderNodeMapping.ts); nothing else is asked for.
const LINE_ITEM = `
  fragment SynchubLineItem on LineItem {
    title name quantity sku variantTitle
    product { id }
    discountedTotalSet { shopMoney { amount } }
    customAttributes { key value }
  }`;

const ORDER = `
  fragment SynchubOrder on Order {
    id name createdAt updatedAt cancelledAt closedAt
    displayFinancialStatus displayFulfillmentStatus
    currencyCode email phone note discountCodes
    totalPriceSet { shopMoney { amount } }
    cartDiscountAmountSet { shopMoney { amount } }
    customer { firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
    billingAddress { firstName lastName phone countryCodeV2 }
    shippingAddress { name firstName lastName address1 address2 city province zip country countryCodeV2 }
    shippingLines(first: $shippingLines) { nodes { title originalPriceSet { shopMoney { amount } } } }
    lineItems(first: $lines) { nodes { ...SynchubLineItem } pageInfo { hasNextPage endCursor } }
  }
  ${LINE_ITEM}`;

/** Orders updated in a window, oldest id first: `query` carries `updated_at:>=… AND updated_at:<=…`. */
export const ORDERS = document(`
  query SynchubOrders($first: Int!, $after: String, $query: String!, $lines: Int!, $shippingLines: Int!) {
    orders(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes { ...SynchubOrder }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${ORDER}`);

export const ORDER_BY_ID = document(`
  query SynchubOrder($id: ID!, $lines: Int!, $shippingLines: Int!) {
    order(id: $id) { ...SynchubOrder }
  }
  ${ORDER}`);

/** The line items of an order beyond those its page brought. */
export const ORDER_LINE_ITEMS = document(`
  query SynchubOrderLineItems($id: ID!, $first: Int!, $after: String) {
    order(id: $id) {
      lineItems(first: $first, after: $after) { nodes { ...SynchubLineItem } pageInfo { hasNextPage endCursor } }
    }
  }
  ${LINE_ITEM}`);

export const CANCEL_ORDER = document(`
  mutation SynchubCancelOrder($id: ID!) {
    orderCancel(orderId: $id, reason: OTHER, restock: false, notifyCustomer: false) {
      job { id done }
      orderCancelUserErrors { field message code }
    }
  }`);

export const CLOSE_ORDER = document(`
  mutation SynchubCloseOrder($id: ID!) {
    orderClose(input: { id: $id }) { order { id closedAt } userErrors { field message } }
  }`);

export const MARK_ORDER_PAID = document(`
  mutation SynchubMarkOrderPaid($id: ID!) {
    orderMarkAsPaid(input: { id: $id }) { order { id displayFinancialStatus } userErrors { field message } }
  }`);

export const FULFILLMENT_ORDERS = document(`
  query SynchubFulfillmentOrders($id: ID!, $first: Int!) {
    order(id: $id) { fulfillmentOrders(first: $first) { nodes { id status supportedActions { action } } } }
  }`);

export const FULFIL = document(`
  mutation SynchubFulfil($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
  }`);

/** The catalogue, one product a node: a product with one default variant carries that variant's SKU. */
export const PRODUCTS = document(`
  query SynchubProducts($first: Int!, $after: String) {
    products(first: $first, after: $after, sortKey: ID) {
      nodes {
        id title description productType status hasOnlyDefaultVariant
        variants(first: 1) { nodes { sku } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`);

/** Variants by SKU (`sku:"A" OR sku:"B"`), with the inventory item stock is set on. */
export const VARIANTS_BY_SKU = document(`
  query SynchubVariantsBySku($first: Int!, $after: String, $query: String!) {
    productVariants(first: $first, after: $after, query: $query) { nodes { sku inventoryItem { id } } pageInfo { hasNextPage endCursor } }
  }`);

/** A location by id; without one, the shop's primary location. */
export const LOCATION = document(`
  query SynchubLocation($id: ID) {
    location(id: $id) { id name isActive }
  }`);

/** Absolute quantities; changeFromQuantity null: synchub is the source of truth and skips the compare-and-swap check. */
export const SET_STOCK = document(`
  mutation SynchubSetStock($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup { id }
      userErrors { field message code }
    }
  }`);

export const SHOPIFY_DOCUMENTS: readonly ShopifyDocument[] = [
  ORDERS,
  ORDER_BY_ID,
  ORDER_LINE_ITEMS,
  CANCEL_ORDER,
  CLOSE_ORDER,
  MARK_ORDER_PAID,
  FULFILLMENT_ORDERS,
  FULFIL,
  PRODUCTS,
  VARIANTS_BY_SKU,
  LOCATION,
  SET_STOCK,
];

// Deterministic, realistic Shopify orders for demos and tests: same options, same orders.
import { toMinorUnits } from '../../src/domain/shared/currencyExponent.js';
import { seededRandom } from '../shared/seededRandom.js';
import {
  money,
  shopifyTime,
  withTotals,
  type ShopifyAddressRecord,
  type ShopifyCustomerRecord,
  type ShopifyLineItemRecord,
  type ShopifyOrderRecord,
} from './shopifyOrderRecord.js';
import type { ShopifyProductRecord } from './shopifyCatalogueStore.js';

export interface ShopifySeedOptions {
  count: number;
  /** Catalogue size; every third product has variants (size / colour), each with its own SKU. */
  products?: number;
  /** Distinct customers; fewer customers than orders means phones repeat across orders. */
  buyers?: number;
  /** Creation time of the first order; the others follow minutes apart. */
  startAt?: Date;
  currency?: string;
  seed?: number;
  firstId?: number;
  /** The first order's number (#1001 by default). */
  firstNumber?: number;
  /** The shop's UTC offset in minutes; Shopify writes times in the shop's zone. */
  utcOffsetMinutes?: number;
}


const ARTICLES = ['T-shirt', 'Hoodie', 'Cap', 'Mug', 'Backpack', 'Socks', 'Sweatshirt', 'Tote bag', 'Notebook', 'Thermos'];
const MATERIALS = ['Cotton', 'Linen', 'Wool', 'Ceramic', 'Recycled'];
const COLOURS = [['Black', 'BLK'], ['White', 'WHT']];
const SIZES = ['M', 'L'];
const FIRST_NAMES = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Leon', 'Sofia', 'Jonas'];
const LAST_NAMES = ['Smith', 'Müller', 'Johnson', 'Schneider', 'Brown', 'Fischer', 'Garcia', 'Weber'];
const CITIES = [['Berlin', 'Berlin', 'BE', '10115'], ['Hamburg', 'Hamburg', 'HH', '20095'], ['Munich', 'Bavaria', 'BY', '80331'], ['Cologne', 'North Rhine-Westphalia', 'NW', '50667']];
const SHIPPING = [['Standard Shipping', 'standard', 490], ['Express', 'express', 990], ['DHL Packstation', 'dhl-packstation', 390]] as const;
const FINANCIAL = [['paid', 0.62], ['pending', 0.14], ['authorized', 0.06], ['partially_paid', 0.04], ['partially_refunded', 0.05], ['refunded', 0.06], ['voided', 0.03]] as const;

interface Variant {
  id: number;
  sku: string;
  title: string | null;
  price: number;
}

interface CatalogueProduct {
  id: number;
  title: string;
  variants: Variant[];
}

function catalogue(size: number, random: () => number): CatalogueProduct[] {
  let variantId = 40_000_000_001;
  return Array.from({ length: size }, (_, index) => {
    const id = 8_000_000_001 + index;
    const title = `${MATERIALS[Math.floor(index / ARTICLES.length) % MATERIALS.length]} ${ARTICLES[index % ARTICLES.length]}`;
    const sku = `SH-${100 + index + 1}`;
    const price = (Math.floor(9 + random() * 120) * 100) + [0, 50, 99][Math.floor(random() * 3)];
    const variants =
      index % 3 === 0
        ? SIZES.flatMap((size) => COLOURS.map(([colour, code]) => ({ id: variantId++, sku: `${sku}-${size}-${code}`, title: `${size} / ${colour}`, price })))
        : [{ id: variantId++, sku, title: null, price }];
    return { id, title, variants };
  });
}

function address(first: string, last: string, phone: string | null, random: () => number): ShopifyAddressRecord {
  const [city, province, code, zip] = CITIES[Math.floor(random() * CITIES.length)];
  return {
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    company: null,
    address1: `${['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee'][Math.floor(random() * 4)]} ${1 + Math.floor(random() * 120)}`,
    address2: random() < 0.2 ? `Apt ${1 + Math.floor(random() * 40)}` : null,
    city,
    province,
    province_code: code,
    zip,
    country: 'Germany',
    country_code: 'DE',
    phone,
  };
}

function customerBook(size: number, currency: string, random: () => number): ShopifyCustomerRecord[] {
  return Array.from({ length: size }, (_, index) => {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const digits = String(10_000_000 + Math.floor(random() * 89_999_999));
    return {
      id: 7_000_000_001 + index,
      email: `${first.toLowerCase()}.${index + 1}@example.com`,
      first_name: first,
      last_name: last,
      phone: `+49 15${index % 10} ${digits}`,
      verified_email: true,
      tags: '',
      currency,
    };
  });
}

function lineItem(product: CatalogueProduct, lineId: number, currency: string, random: () => number): ShopifyLineItemRecord {
  const variant = product.variants[Math.floor(random() * product.variants.length)];
  const quantity = 1 + Math.floor(random() * 3);
  const discounted = random() < 0.15;
  return {
    id: lineId,
    product_id: product.id,
    variant_id: variant.id,
    title: product.title,
    variant_title: variant.title,
    name: variant.title ? `${product.title} - ${variant.title}` : product.title,
    sku: variant.sku,
    vendor: 'synchub demo',
    quantity,
    price: money(variant.price, currency),
    total_discount: money(discounted ? Math.round(variant.price / 10) * quantity : 0, currency),
    fulfillable_quantity: quantity,
    fulfillment_status: null,
    requires_shipping: true,
    taxable: true,
    grams: 300,
    properties: [],
  };
}

function pick<T>(weighted: ReadonlyArray<readonly [T, number]>, random: () => number): T {
  let roll = random();
  for (const [value, weight] of weighted) {
    if ((roll -= weight) < 0) return value;
  }
  return weighted[0][0];
}

export function seedShopifyOrders(options: ShopifySeedOptions): ShopifyOrderRecord[] {
  const random = seededRandom(options.seed ?? 5005);
  const currency = options.currency ?? 'EUR';
  const offset = options.utcOffsetMinutes ?? 120;
  const products = catalogue(Math.max(1, options.products ?? 20), random);
  const customers = customerBook(Math.max(1, options.buyers ?? Math.ceil(options.count / 3)), currency, random);
  let createdAt = (options.startAt ?? new Date('2024-05-01T08:00:00Z')).getTime();
  const firstId = options.firstId ?? 5_500_000_001;
  const firstNumber = options.firstNumber ?? 1001;
  let lineId = 13_000_000_001;
  return Array.from({ length: options.count }, (_, index) => {
    const id = firstId + index;
    createdAt += Math.floor(1 + random() * 15) * 60_000;
    const updatedAt = createdAt + Math.floor(random() * 120) * 60_000;
    const kind = random();
    // Most orders come from a customer account; some are guest checkouts; a few point-of-sale orders name nobody.
    const customer = kind < 0.8 ? customers[Math.floor(random() * customers.length)] : null;
    const guest = kind >= 0.8 && kind < 0.96;
    const first = customer?.first_name ?? FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = customer?.last_name ?? LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const phone = customer?.phone ?? (guest ? `+49 17${index % 10} ${String(10_000_000 + Math.floor(random() * 89_999_999))}` : null);
    const named = customer !== null || guest;
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => lineItem(products[Math.floor(random() * products.length)], lineId++, currency, random));
    const shippingRoll = random();
    const shipped = named && shippingRoll < 0.85;
    const [title, code, price] = SHIPPING[Math.floor(random() * SHIPPING.length)];
    const financial = pick(FINANCIAL, random);
    const cancelled = (financial === 'voided' || financial === 'refunded') && random() < 0.7;
    const fulfilment = financial === 'paid' || financial === 'partially_refunded' ? pick([['fulfilled', 0.4], ['partial', 0.05], [null, 0.55]] as const, random) : null;
    const closed = !cancelled && fulfilment === 'fulfilled' && random() < 0.5;
    const discountRoll = random();
    const stamp = (at: number) => shopifyTime(new Date(at), offset);
    const billing = named ? address(first, last, phone, random) : null;
    const order: ShopifyOrderRecord = {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      name: `#${firstNumber + index}`,
      order_number: firstNumber + index,
      email: named ? (customer?.email ?? `${first.toLowerCase()}.guest${index}@example.org`) : null,
      contact_email: named ? (customer?.email ?? `${first.toLowerCase()}.guest${index}@example.org`) : null,
      phone: null,
      created_at: stamp(createdAt),
      updated_at: stamp(updatedAt),
      processed_at: stamp(createdAt),
      cancelled_at: cancelled ? stamp(updatedAt) : null,
      cancel_reason: cancelled ? 'customer' : null,
      closed_at: closed ? stamp(updatedAt) : null,
      currency,
      presentment_currency: currency,
      financial_status: financial,
      fulfillment_status: fulfilment,
      subtotal_price: '0.00',
      total_line_items_price: '0.00',
      total_discounts: '0.00',
      total_tax: '0.00',
      total_price: '0.00',
      note: random() < 0.2 ? 'Please ring the bell twice' : null,
      tags: '',
      source_name: named ? 'web' : 'pos',
      test: false,
      customer,
      billing_address: billing,
      shipping_address: shipped ? (random() < 0.2 ? address('Anna', 'Becker', phone, random) : { ...billing! }) : null,
      line_items: lines,
      shipping_lines: shipped ? [{ id: 9_000_000_001 + index, title, code, price: money(price, currency), discounted_price: money(price, currency), source: 'shopify' }] : [],
      discount_codes: [],
      fulfillments: [],
    };
    if (fulfilment === 'fulfilled') for (const line of lines) Object.assign(line, { fulfillment_status: 'fulfilled', fulfillable_quantity: 0 });
    if (discountRoll < 0.12) {
      const subtotal = lines.reduce((sum, line) => sum + toMinorUnits(Number(line.price), currency) * line.quantity - toMinorUnits(Number(line.total_discount), currency), 0);
      order.discount_codes = [{ code: 'SPRING10', amount: money(Math.round(subtotal / 10), currency), type: 'percentage' }];
    }
    return withTotals(order);
  });
}

/** The catalogue the orders of `seedShopifyOrders` with the same seed and size sell from, as product records. */
export function seedShopifyProducts(options: { products?: number; seed?: number; currency?: string; createdAt?: Date }): ShopifyProductRecord[] {
  const currency = options.currency ?? 'EUR';
  const createdAt = (options.createdAt ?? new Date('2024-04-01T08:00:00Z')).toISOString();
  // The same first draws as seedShopifyOrders: its catalogue is the first thing it makes.
  return catalogue(Math.max(1, options.products ?? 20), seededRandom(options.seed ?? 5005)).map((product, index) => ({
    id: product.id,
    title: product.title,
    descriptionHtml: `<p>${product.title}, made to last.</p>`,
    productType: ARTICLES[index % ARTICLES.length],
    vendor: 'synchub demo',
    // Every seventh product is archived: still in the catalogue, no longer sold.
    status: index % 7 === 6 ? 'ARCHIVED' : 'ACTIVE',
    createdAt,
    updatedAt: createdAt,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title ?? 'Default Title',
      price: money(variant.price, currency),
      selectedOptions: variant.title ? variant.title.split(' / ').map((value, option) => ({ name: ['Size', 'Color'][option], value })) : [{ name: 'Title', value: 'Default Title' }],
      inventoryItemId: variant.id + 10_000_000_000,
    })),
  }));
}

// Deterministic, realistic WooCommerce orders for demos and tests: same options, same orders.
import { seededRandom } from '../shared/seededRandom.js';
import { emptyAddress, minorOf, money, withTotals, wooTime, type WooCommerceLineItem, type WooCommerceOrderRecord } from './wooCommerceOrderRecord.js';

export interface WooCommerceSeedOptions {
  count: number;
  /** Catalogue size; every third product is variable, its variations with their own SKUs. */
  products?: number;
  /** Distinct buyers; fewer buyers than orders means phones repeat across orders. */
  buyers?: number;
  /** Creation time of the first order; the others follow minutes apart. */
  startAt?: Date;
  currency?: string;
  seed?: number;
  firstId?: number;
  /** The site's UTC offset for the plain (non-GMT) date fields. */
  siteOffsetMinutes?: number;
}


const ARTICLES = ['T-shirt', 'Hoodie', 'Cap', 'Mug', 'Backpack', 'Socks', 'Sweatshirt', 'Tote bag', 'Notebook', 'Water bottle'];
const MATERIALS = ['cotton', 'linen', 'wool', 'ceramic', 'recycled'];
const COLOURS = [['Black', 'BLK'], ['White', 'WHT']];
const SIZES = ['M', 'L'];
const FIRST_NAMES = ['Anna', 'Lukas', 'Marta', 'Jonas', 'Sofia', 'Pieter', 'Elena', 'Tomasz', 'Clara', 'Matteo'];
const LAST_NAMES = ['Müller', 'Kowalski', 'de Vries', 'Rossi', 'Dubois', 'Novak', 'García', 'Jensen'];
const CITIES = [['Berlin', 'BE', '10115', 'DE', '+49 30 9'], ['Warszawa', 'MZ', '00-001', 'PL', '+48 22 6'], ['Amsterdam', 'NH', '1011', 'NL', '+31 20 5'], ['Milano', 'MI', '20121', 'IT', '+39 02 8']];
const STATUSES = ['pending', 'processing', 'processing', 'on-hold', 'completed', 'completed', 'cancelled', 'refunded', 'failed'];
const SHIPPING = [['flat_rate', 'Flat rate', 590], ['free_shipping', 'Free shipping', 0], ['local_pickup', 'Local pickup', 0]] as const;

interface CatalogueEntry {
  productId: number;
  name: string;
  price: number;
  variations: Array<{ id: number; sku: string; colour: string; size: string }>;
  sku: string;
}

function catalogue(size: number, random: () => number): CatalogueEntry[] {
  let nextId = 100;
  return Array.from({ length: size }, (_, index) => {
    const productId = (nextId += 10);
    const name = `${ARTICLES[index % ARTICLES.length]} ${MATERIALS[Math.floor(index / ARTICLES.length) % MATERIALS.length]}`;
    const sku = `WC-${100 + index + 1}`;
    const price = (Math.floor(8 + random() * 80) * 100) + [0, 50, 99][Math.floor(random() * 3)];
    const variations = index % 3 === 0
      ? COLOURS.flatMap(([colour, code]) => SIZES.map((size, v) => ({ id: productId + 1 + v + (code === 'WHT' ? 2 : 0), sku: `${sku}-${code}-${size}`, colour, size })))
      : [];
    return { productId, name, price, variations, sku };
  });
}

function line(id: number, entry: CatalogueEntry, random: () => number): WooCommerceLineItem {
  const variation = entry.variations.length ? entry.variations[Math.floor(random() * entry.variations.length)] : undefined;
  const quantity = 1 + Math.floor(random() * 3);
  const total = money(entry.price * quantity);
  return {
    id, name: variation ? `${entry.name} - ${variation.colour}, ${variation.size}` : entry.name,
    product_id: entry.productId, variation_id: variation?.id ?? 0, quantity, tax_class: '',
    subtotal: total, subtotal_tax: '0.00', total, total_tax: '0.00', taxes: [],
    meta_data: variation
      ? [
          { id: id * 10 + 1, key: 'pa_colour', value: variation.colour.toLowerCase(), display_key: 'Colour', display_value: variation.colour },
          { id: id * 10 + 2, key: 'pa_size', value: variation.size.toLowerCase(), display_key: 'Size', display_value: variation.size },
        ]
      : [],
    sku: variation?.sku ?? entry.sku, price: entry.price / 100, image: { id: '', src: '' }, parent_name: variation ? entry.name : null,
  };
}

/** A 10% coupon spread over the lines, as WooCommerce does: each line's total drops, the coupon line says by how much. */
function applyCoupon(lines: WooCommerceLineItem[]): number {
  let discount = 0;
  for (const item of lines) {
    const subtotal = minorOf(item.subtotal);
    const off = Math.round(subtotal / 10);
    discount += off;
    item.total = money(subtotal - off);
    item.price = (subtotal - off) / 100 / item.quantity;
  }
  return discount;
}

export function seedWooCommerceOrders(options: WooCommerceSeedOptions): WooCommerceOrderRecord[] {
  const random = seededRandom(options.seed ?? 2024);
  const products = catalogue(Math.max(1, options.products ?? 20), random);
  const offset = options.siteOffsetMinutes ?? 120;
  const buyers = Array.from({ length: Math.max(1, options.buyers ?? Math.ceil(options.count / 3)) }, (_, index) => {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const city = CITIES[index % CITIES.length];
    const phone = `${city[4]}${String(100_000 + Math.floor(random() * 899_999))}`;
    return { first, last, city, phone, email: `${first.toLowerCase()}.${index + 1}@example.com`, street: `${['Hauptstraße', 'Main Street', 'Via Roma', 'Kerkstraat'][index % 4]} ${1 + index}` };
  });
  const currency = options.currency ?? 'EUR';
  let createdAt = (options.startAt ?? new Date('2024-03-01T08:00:00Z')).getTime();
  let id = (options.firstId ?? 1000) - 1;
  let lineId = 1;
  return Array.from({ length: options.count }, () => {
    id += 1 + Math.floor(random() * 3); // order ids are WordPress post ids: other posts take some of them
    createdAt += Math.floor(1 + random() * 15) * 60_000;
    const created = new Date(createdAt);
    const modified = new Date(createdAt + Math.floor(random() * 120) * 60_000);
    const buyer = buyers[Math.floor(random() * buyers.length)];
    const [cityName, state, postcode, country] = buyer.city;
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => line(lineId++, products[Math.floor(random() * products.length)], random));
    const couponed = random() < 0.15;
    const discount = couponed ? applyCoupon(lines) : 0;
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    const paid = ['processing', 'completed', 'refunded'].includes(status);
    const shipped = random() < 0.8;
    const [methodId, methodTitle, shippingCost] = SHIPPING[Math.floor(random() * SHIPPING.length)];
    const otherRecipient = random() < 0.2;
    const feeRoll = random();
    const billing = { ...emptyAddress(), first_name: buyer.first, last_name: buyer.last, address_1: buyer.street, city: cityName, state, postcode, country, email: buyer.email, phone: buyer.phone };
    const order: WooCommerceOrderRecord = {
      id, parent_id: 0, status, currency, version: '8.9.3', prices_include_tax: false,
      date_created: wooTime(created, offset), date_modified: wooTime(modified, offset),
      discount_total: '0.00', discount_tax: '0.00', shipping_total: '0.00', shipping_tax: '0.00', cart_tax: '0.00', total: '0.00', total_tax: '0.00',
      customer_id: random() < 0.6 ? 1 + buyers.indexOf(buyer) : 0, order_key: `wc_order_${(id * 7919).toString(36)}`,
      billing,
      shipping: shipped
        ? { ...billing, email: undefined, first_name: otherRecipient ? 'Greta' : buyer.first, last_name: otherRecipient ? 'Schmidt' : buyer.last, phone: '' }
        : emptyAddress(),
      payment_method: paid ? 'stripe' : 'bacs', payment_method_title: paid ? 'Credit card' : 'Direct bank transfer',
      transaction_id: paid ? `ch_${(id * 104729).toString(36)}` : '', customer_ip_address: '203.0.113.7', customer_user_agent: 'Mozilla/5.0', created_via: 'checkout',
      customer_note: random() < 0.2 ? 'Please leave the parcel with the neighbour.' : '',
      date_completed: status === 'completed' ? wooTime(modified, offset) : null, date_paid: paid ? wooTime(created, offset) : null,
      cart_hash: '', number: String(id), meta_data: [], line_items: lines, tax_lines: [],
      shipping_lines: shipped ? [{ id: lineId++, method_title: methodTitle, method_id: methodId, instance_id: '1', total: money(shippingCost), total_tax: '0.00', taxes: [], meta_data: [] }] : [],
      fee_lines: feeRoll < 0.1
        ? [{ id: lineId++, name: 'Gift wrapping', tax_class: '', tax_status: 'none', amount: '3.50', total: '3.50', total_tax: '0.00', taxes: [], meta_data: [] }]
        : feeRoll < 0.15
          ? [{ id: lineId++, name: 'Loyalty discount', tax_class: '', tax_status: 'none', amount: '-2.00', total: '-2.00', total_tax: '0.00', taxes: [], meta_data: [] }]
          : [],
      coupon_lines: couponed ? [{ id: lineId++, code: 'spring10', discount: money(discount), discount_tax: '0.00', meta_data: [] }] : [],
      refunds: [], payment_url: `https://shop.example.com/checkout/order-pay/${id}/`, is_editable: status === 'pending' || status === 'on-hold',
      needs_payment: !paid, needs_processing: true,
      date_created_gmt: wooTime(created), date_modified_gmt: wooTime(modified),
      date_completed_gmt: status === 'completed' ? wooTime(modified) : null, date_paid_gmt: paid ? wooTime(created) : null,
      currency_symbol: currency === 'EUR' ? '€' : currency,
    };
    return withTotals(order);
  });
}

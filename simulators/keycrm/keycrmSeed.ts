// Deterministic, realistic KeyCRM orders for demos and tests: same options, same orders.
import { seededRandom } from '../shared/seededRandom.js';
import { emptyShipping } from './keycrmOrderStore.js';
import {
  keycrmTime,
  withTotals,
  type KeycrmBuyerRecord,
  type KeycrmOfferRecord,
  type KeycrmOrderProductRecord,
  type KeycrmOrderRecord,
} from './keycrmOrderRecord.js';

export interface KeycrmSeedOptions {
  count: number;
  /** Catalogue size; every third product has variants with their own SKUs. */
  products?: number;
  /** Distinct buyers; fewer buyers than orders means phones repeat across orders. */
  buyers?: number;
  /** Creation time of the first order; the others follow minutes apart. */
  startAt?: Date;
  /** Currency of the payments of paid orders (the account's source carries the order currency). */
  currency?: string;
  seed?: number;
  firstId?: number;
}

const ARTICLES = ['Футболка', 'Худі', 'Кепка', 'Кружка', 'Рюкзак', 'Шкарпетки', 'Світшот', 'Сумка-шопер', 'Блокнот', 'Термос'];
const MATERIALS = ['бавовна', 'льон', 'вовна', 'кераміка', 'еко'];
const COLOURS = [['Чорний', 'BLK'], ['Білий', 'WHT'], ['Синій', 'BLU']];
const SIZES = ['S', 'M', 'L', 'XL'];
const FIRST_NAMES = ['Олена', 'Андрій', 'Марія', 'Богдан', 'Наталія', 'Олег', 'Ірина', 'Дмитро', 'Софія', 'Віктор'];
const LAST_NAMES = ['Коваленко', 'Шевченко', 'Бондар', 'Ткаченко', 'Кравчук', 'Олійник', 'Мороз', 'Лисенко'];
const LATIN: Record<string, string> = { Олена: 'olena', Андрій: 'andrii', Марія: 'mariia', Богдан: 'bohdan', Наталія: 'nataliia', Олег: 'oleh', Ірина: 'iryna', Дмитро: 'dmytro', Софія: 'sofiia', Віктор: 'viktor' };
const CITIES = [['Київ', 'Київська', '01001'], ['Львів', 'Львівська', '79000'], ['Одеса', 'Одеська', '65000'], ['Харків', 'Харківська', '61000'], ['Дніпро', 'Дніпропетровська', '49000']];

interface CatalogueProduct {
  id: number;
  name: string;
  sku: string;
  price: number;
  offers: KeycrmOfferRecord[];
}

function catalogue(size: number, random: () => number): CatalogueProduct[] {
  let offerId = 1;
  return Array.from({ length: size }, (_, index) => {
    const id = index + 1;
    const name = `${ARTICLES[index % ARTICLES.length]} ${MATERIALS[Math.floor(index / ARTICLES.length) % MATERIALS.length]}`;
    const sku = `KC-${100 + id}`;
    const price = Math.floor(99 + random() * 1900) + [0, 0.5, 0.99][Math.floor(random() * 3)];
    const offer = (offerSku: string, properties: KeycrmOfferRecord['properties']): KeycrmOfferRecord => ({
      id: offerId++,
      product_id: id,
      sku: offerSku,
      barcode: `482${String(1_000_000_000 + offerId * 7919).slice(0, 10)}`,
      price,
      purchased_price: Math.round(price * 55) / 100,
      quantity: Math.floor(random() * 200),
      weight: 0.3,
      length: null,
      width: null,
      height: null,
      properties,
    });
    const offers =
      index % 3 === 0
        ? COLOURS.slice(0, 2).flatMap(([colour, code]) =>
            SIZES.slice(1, 3).map((size) => offer(`${sku}-${code}-${size}`, [{ name: 'Колір', value: colour }, { name: 'Розмір', value: size }])),
          )
        : [offer(sku, [])];
    return { id, name, sku, price, offers };
  });
}

function buyerBook(size: number, random: () => number): KeycrmBuyerRecord[] {
  return Array.from({ length: size }, (_, index) => {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const digits = String(1_000_000 + Math.floor(random() * 8_999_999)).slice(0, 7);
    return {
      id: index + 1,
      full_name: `${first} ${last}`,
      email: random() < 0.85 ? `${LATIN[first]}.${index + 1}@example.com` : null,
      phone: `+380${['67', '50', '63', '93'][index % 4]}${digits}`,
      company_id: null,
      manager_id: null,
    };
  });
}

function line(product: CatalogueProduct, random: () => number): KeycrmOrderProductRecord {
  const offer = product.offers[Math.floor(random() * product.offers.length)];
  const discounted = random() < 0.15;
  const discount = discounted ? Math.round(offer.price * 10) / 100 : 0;
  const quantity = 1 + Math.floor(random() * 3);
  return {
    name: product.name,
    sku: product.sku,
    price: offer.price,
    price_sold: Math.round((offer.price - discount) * 100) / 100,
    purchased_price: offer.purchased_price,
    discount_percent: discounted ? 10 : null,
    discount_amount: null,
    // The line's whole discount (per unit × quantity): "сумарна знижка на товар".
    total_discount: discounted ? Math.round(discount * quantity * 100) / 100 : null,
    quantity,
    unit_type: null,
    upsale: false,
    comment: random() < 0.05 ? 'Подарункова упаковка' : null,
    product_status_id: 1,
    picture: null,
    properties: offer.properties,
    shipment_type: 'warehouse',
    offer,
  };
}

export function seedKeycrmOrders(options: KeycrmSeedOptions): KeycrmOrderRecord[] {
  const random = seededRandom(options.seed ?? 4004);
  const products = catalogue(Math.max(1, options.products ?? 20), random);
  const buyers = buyerBook(Math.max(1, options.buyers ?? Math.ceil(options.count / 3)), random);
  const currency = options.currency ?? 'UAH';
  let createdAt = (options.startAt ?? new Date('2024-03-01T08:00:00Z')).getTime();
  const firstId = options.firstId ?? 1;
  return Array.from({ length: options.count }, (_, index) => {
    const id = firstId + index;
    createdAt += Math.floor(1 + random() * 15) * 60_000;
    const updatedAt = createdAt + Math.floor(random() * 120) * 60_000;
    const buyer = random() < 0.06 ? null : buyers[Math.floor(random() * buyers.length)];
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => line(products[Math.floor(random() * products.length)], random));
    const [city, region, zip] = CITIES[Math.floor(random() * CITIES.length)];
    const deliveryServiceId = 1 + Math.floor(random() * 3);
    const shipped = random() < 0.65;
    const statusId = 1 + Math.floor(random() * 6);
    const discountRoll = random();
    const order = withTotals({
      id,
      parent_id: null,
      source_uuid: random() < 0.8 ? `WS-${10_000 + id}` : null,
      source_id: 1,
      status_id: statusId,
      status_group_id: [1, 2, 2, 3, 4, 5][statusId - 1],
      grand_total: 0,
      promocode: discountRoll < 0.1 ? 'SPRING10' : null,
      total_discount: 0,
      discount_amount: discountRoll >= 0.1 && discountRoll < 0.2 ? 50 : null,
      discount_percent: discountRoll < 0.1 ? 10 : null,
      expenses_sum: 0,
      shipping_price: shipped && deliveryServiceId !== 3 ? [60, 70, 85][Math.floor(random() * 3)] : 0,
      wrap_price: 0,
      taxes: 0,
      manager_id: random() < 0.7 ? 1 + Math.floor(random() * 2) : null,
      manager_comment: null,
      buyer_comment: random() < 0.2 ? 'Зателефонуйте перед відправкою, будь ласка' : null,
      gift_message: null,
      is_gift: false,
      payment_status: statusId >= 4 && statusId !== 6 ? 'paid' : 'not_paid',
      last_synced_at: null,
      created_at: keycrmTime(new Date(createdAt)),
      updated_at: keycrmTime(new Date(updatedAt)),
      closed_at: statusId >= 5 ? keycrmTime(new Date(updatedAt)) : null,
      buyer,
      products: lines,
      shipping: shipped
        ? {
            ...emptyShipping(),
            delivery_service_id: deliveryServiceId,
            tracking_code: statusId >= 4 ? `2045${String(Math.floor(random() * 1e10)).padStart(10, '0')}` : null,
            shipping_address_city: city,
            shipping_address_country: 'Україна',
            shipping_address_country_code: 'UA',
            shipping_address_region: region,
            shipping_address_zip: zip,
            shipping_receive_point: deliveryServiceId === 3 ? 'Магазин на Хрещатику, 22' : `Відділення №${1 + Math.floor(random() * 120)}`,
            recipient_full_name: random() < 0.2 ? 'Ганна Петренко' : (buyer?.full_name ?? null),
            recipient_phone: buyer?.phone ?? null,
          }
        : null,
      payments: [],
    });
    if (order.payment_status === 'paid') {
      const paidAt = order.updated_at;
      order.payments = [
        { id, destination_id: id, payment_method_id: 1, amount: order.grand_total, actual_currency: currency, transaction_uuid: null, description: null, status: 'paid', payment_date: paidAt, created_at: paidAt, updated_at: paidAt },
      ];
    }
    return order;
  });
}

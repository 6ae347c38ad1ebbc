// Deterministic, realistic Horoshop orders for demos and tests: same options, same orders.
import { seededRandom } from '../shared/seededRandom.js';
import { CARTUM_TIME_ZONE, cartumTimeOf } from '../../src/infrastructure/platforms/cartum/cartumTime.js';
import { withTotals, type CartumNamedRef, type CartumOrderLineRecord, type CartumOrderRecord } from './cartumOrderRecord.js';

export interface CartumSeedOptions {
  count: number;
  /** Catalogue size; every fourth product is sold as modifications with their own articles. */
  products?: number;
  /** Distinct buyers; fewer buyers than orders means phones repeat across orders. */
  buyers?: number;
  /** Creation time of the first order; the others follow minutes apart. */
  startAt?: Date;
  currency?: string;
  seed?: number;
  firstId?: number;
  timeZone?: string;
}


const GOODS = ['Чайник', 'Ковдра', 'Подушка', 'Лампа', 'Килимок', 'Рушник', 'Сковорідка', 'Ваза', 'Годинник', 'Плед'];
const FINISHES = ['класик', 'лофт', 'еко', 'преміум'];
const SIZES = ['S', 'M', 'L'];
const FIRST_NAMES = ['Олена', 'Андрій', 'Марія', 'Богдан', 'Наталія', 'Олег', 'Ірина', 'Дмитро', 'Софія', 'Віктор'];
const LAST_NAMES = ['Коваленко', 'Шевченко', 'Бондар', 'Ткаченко', 'Кравчук', 'Олійник', 'Мороз', 'Лисенко'];
const CITIES = ['Київ', 'Львів', 'Одеса', 'Харків', 'Дніпро', 'Вінниця'];
const DELIVERIES: CartumNamedRef[] = [
  { id: 1, title: 'Нова Пошта' },
  { id: 2, title: 'Укрпошта' },
  { id: 3, title: 'Самовивіз' },
];
const PAYMENTS: CartumNamedRef[] = [
  { id: 1, title: 'Оплата при отриманні' },
  { id: 2, title: 'Оплата картою онлайн' },
];
const STATUSES = [1, 1, 1, 2, 2, 6, 3];
const COUPONS: Array<[string, number]> = [['SPRING10', 10], ['VIP25', 25]];

interface CatalogueProduct {
  article: string;
  title: string;
  price: number;
  modifications: string[];
}

function catalogue(size: number, random: () => number): CatalogueProduct[] {
  return Array.from({ length: size }, (_, index) => {
    const article = `HS-${1000 + index + 1}`;
    const title = `${GOODS[index % GOODS.length]} ${FINISHES[Math.floor(index / GOODS.length) % FINISHES.length]}`;
    const price = Math.floor(149 + random() * 2500) + [0, 0.5, 0.99][Math.floor(random() * 3)];
    const modifications = index % 4 === 0 ? SIZES.map((size) => `${article}-${size}`) : [];
    return { article, title, price, modifications };
  });
}

interface Buyer {
  name: string;
  phone: string;
  email: string;
}

function buyerBook(size: number, random: () => number): Buyer[] {
  return Array.from({ length: size }, (_, index) => {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const digits = String(1_000_000 + Math.floor(random() * 8_999_999)).slice(0, 7);
    return {
      name: `${first} ${last}`,
      phone: `+380${['67', '50', '63', '93'][index % 4]}${digits}`,
      email: random() < 0.8 ? `buyer.${index + 1}@example.com` : '',
    };
  });
}

function line(product: CatalogueProduct, random: () => number): CartumOrderLineRecord {
  const discounted = random() < 0.2;
  const price = discounted ? Math.round(product.price * 90) / 100 : product.price;
  const modification = product.modifications.length > 0 ? product.modifications[Math.floor(random() * product.modifications.length)] : undefined;
  const quantity = 1 + Math.floor(random() * 3);
  return {
    article: modification ?? product.article,
    ...(modification ? { parent_article: product.article } : {}),
    title: modification ? `${product.title} (${modification.slice(-1)})` : product.title,
    quantity,
    price,
    total_price: Math.round(price * quantity * 100) / 100,
    discount_marker: discounted ? 'PRICE_OLD' : 'NONE',
    type: 'product',
  };
}

export function seedCartumOrders(options: CartumSeedOptions): CartumOrderRecord[] {
  const random = seededRandom(options.seed ?? 1);
  const products = catalogue(options.products ?? 30, random);
  const buyers = buyerBook(options.buyers ?? Math.max(1, Math.ceil(options.count / 2)), random);
  const start = (options.startAt ?? new Date(Date.now() - 3 * 24 * 60 * 60 * 1000)).getTime();
  const zone = options.timeZone ?? CARTUM_TIME_ZONE;
  return Array.from({ length: options.count }, (_, index) => {
    const buyer = buyers[Math.floor(random() * buyers.length)];
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => line(products[Math.floor(random() * products.length)], random));
    const delivery = DELIVERIES[Math.floor(random() * DELIVERIES.length)];
    const coupon = random() < 0.15 ? COUPONS[Math.floor(random() * COUPONS.length)] : undefined;
    const at = cartumTimeOf(new Date(start + index * 7 * 60 * 1000), zone);
    const city = CITIES[Math.floor(random() * CITIES.length)];
    return withTotals({
      order_id: (options.firstId ?? 1) + index,
      user: random() < 0.3 ? 500 + index : null,
      delivery_name: buyer.name,
      delivery_email: buyer.email,
      delivery_phone: buyer.phone,
      delivery_city: city,
      delivery_address: delivery.id === 3 ? '' : delivery.id === 1 ? `Відділення №${1 + Math.floor(random() * 40)}` : `вул. Шевченка, ${1 + Math.floor(random() * 120)}`,
      delivery_type: delivery,
      delivery_price: delivery.id === 3 ? -1 : [0, 70, 95][Math.floor(random() * 3)],
      payment_type: PAYMENTS[Math.floor(random() * PAYMENTS.length)],
      payment_price: 0,
      payed: random() < 0.4 ? 1 : 0,
      currency: options.currency ?? 'UAH',
      total_default: 0,
      total_sum: 0,
      total_quantity: 0,
      coupon_code: coupon?.[0] ?? '',
      coupon_percent: coupon?.[1] ?? 0,
      coupon_discount_value: 0,
      comment: random() < 0.25 ? 'Передзвоніть, будь ласка, перед відправкою' : '',
      stat_status: STATUSES[Math.floor(random() * STATUSES.length)],
      stat_created: at,
      stat_updated: at,
      products: lines,
    });
  });
}

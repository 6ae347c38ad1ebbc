import { expect } from 'chai';
import type { FetchedOrder } from '../../../../src/application/ports/platformClient.js';
import { cartumLanguages } from '../../../../src/infrastructure/platforms/cartum/cartumFields.js';
import { mapCartumOrder } from '../../../../src/infrastructure/platforms/cartum/cartumOrderMapping.js';
import { seedCartumOrders } from '../../../../simulators/cartum/index.js';

const context = { orderUrl: (id: string) => `https://shop.example.ua/edit/orders/?search=${id}`, shopCurrency: 'UAH' };

function wellFormed(): Record<string, any> {
  return {
    order_id: 1042,
    delivery_name: 'Олена Коваленко-Бондар',
    delivery_email: 'olena@example.com',
    delivery_phone: '+380671234567',
    delivery_city: 'Львів',
    delivery_address: 'Відділення №12',
    delivery_type: { id: 1, title: 'Нова Пошта' },
    delivery_price: 70,
    payment_type: { id: 2, title: 'Оплата картою онлайн' },
    payed: 1,
    currency: 'UAH',
    total_default: 1000,
    total_sum: 750,
    coupon_code: 'VIP25',
    coupon_percent: 25,
    coupon_discount_value: 250,
    comment: 'Передзвоніть',
    stat_status: 2,
    stat_created: '2024-07-01 10:15:00',
    stat_updated: '2024-07-02 09:00:30',
    products: [
      { article: 'HS-1001-M', parent_article: 'HS-1001', title: { ua: 'Чайник класик (M)', ru: '' }, quantity: 2, price: 350.5, total_price: 701, type: 'product' },
      { article: 'HS-1002', title: 'Ковдра', quantity: 1, price: '299', total_price: 299, type: 'product' },
    ],
  };
}

const map = (raw: unknown): FetchedOrder => mapCartumOrder(raw, context);
const reasonOf = (raw: unknown): string => {
  const fetched = map(raw);
  expect(fetched.kind, JSON.stringify(fetched)).to.equal('malformed');
  return (fetched as Extract<FetchedOrder, { kind: 'malformed' }>).order.reason;
};
const withChange = (change: (order: Record<string, any>) => void) => {
  const order = wellFormed();
  change(order);
  return order;
};

describe('Cartum order mapping', () => {
  it('given a complete Horoshop order, then every field of the port is filled from it', () => {
    const fetched = map(wellFormed());
    expect(fetched.kind).to.equal('order');
    const { order } = fetched as Extract<FetchedOrder, { kind: 'order' }>;
    expect(order).to.deep.equal({
      externalId: '1042',
      number: '1042',
      platformUrl: 'https://shop.example.ua/edit/orders/?search=1042',
      // Kyiv is UTC+3 in July.
      createdAt: '2024-07-01T07:15:00.000Z',
      updatedAt: '2024-07-02T06:00:30.000Z',
      status: '2',
      currency: 'UAH',
      buyer: { firstName: 'Олена', lastName: 'Коваленко-Бондар', phone: '+380671234567', email: 'olena@example.com' },
      items: [
        { name: 'Чайник класик (M)', quantity: 2, price: 35050, sku: 'HS-1001-M', externalProductId: 'HS-1001-M', variant: { parentSku: 'HS-1001', parentName: 'Чайник класик (M)', properties: {} } },
        { name: 'Ковдра', quantity: 1, price: 29900, sku: 'HS-1002', externalProductId: 'HS-1002' },
      ],
      discounts: [{ name: 'Coupon VIP25 25%', amount: 25000 }],
      delivery: { method: 'Нова Пошта', cost: 7000, recipient: 'Олена Коваленко-Бондар', address: 'Львів, Відділення №12' },
      total: 82000,
      comment: 'Передзвоніть',
      paymentStatus: 'paid',
    });
  });

  it('given a winter time, then the shop time is read at UTC+2', () => {
    const { order } = map(withChange((o) => (o.stat_created = '2024-01-15 00:30:00'))) as Extract<FetchedOrder, { kind: 'order' }>;
    expect(order.createdAt).to.equal('2024-01-14T22:30:00.000Z');
  });

  it('given no currency on the order, then the shop currency is used; with neither, the order is rejected', () => {
    const order = withChange((o) => delete o.currency);
    expect((mapCartumOrder(order, context) as any).order.currency).to.equal('UAH');
    expect((mapCartumOrder(order, { ...context, shopCurrency: undefined }) as any).order.reason).to.match(/currency is unknown/);
  });

  it('given delivery_price -1 (not calculated), then delivery costs nothing and the total is the lines', () => {
    const { order } = map(withChange((o) => (o.delivery_price = -1))) as Extract<FetchedOrder, { kind: 'order' }>;
    expect(order.delivery?.cost).to.equal(0);
    expect(order.total).to.equal(75000);
  });

  it('given wrong types, then the order is rejected naming the field', () => {
    expect(reasonOf(withChange((o) => (o.total_sum = 'a lot')))).to.match(/^Cartum order 1042: total_sum must be a decimal amount/);
    expect(reasonOf(withChange((o) => (o.products = { article: 'x' })))).to.match(/products must be an array/);
    expect(reasonOf(withChange((o) => (o.products[0].quantity = '2')))).to.match(/products\[0\]\.quantity must be a number/);
    expect(reasonOf(withChange((o) => (o.delivery_phone = 380671234567)))).to.match(/delivery_phone must be text/);
    expect(reasonOf(withChange((o) => (o.stat_status = 'new')))).to.match(/stat_status must be a positive integer id/);
    expect(reasonOf(withChange((o) => (o.payed = 'yes')))).to.match(/payed must be 0 or 1/);
    expect(reasonOf(withChange((o) => (o.currency = 'hryvnia')))).to.match(/currency must be an ISO 4217 code/);
  });

  it('given missing fields, then the order is rejected naming the field', () => {
    expect(reasonOf(withChange((o) => delete o.stat_created))).to.match(/stat_created is missing/);
    expect(reasonOf(withChange((o) => delete o.total_sum))).to.match(/total_sum is missing/);
    expect(reasonOf(withChange((o) => delete o.products[1].title))).to.match(/products\[1\]\.title is missing/);
    expect(reasonOf(withChange((o) => delete o.products[0].price))).to.match(/products\[0\]\.price is missing/);
    expect(reasonOf(withChange((o) => (o.stat_created = '2024-02-30 10:00:00')))).to.match(/stat_created must be a shop time/);
  });

  it('given negative or zero quantities and negative prices, then the order is rejected', () => {
    expect(reasonOf(withChange((o) => (o.products[0].quantity = -2)))).to.match(/products\[0\]\.quantity must not be negative/);
    expect(reasonOf(withChange((o) => (o.products[0].quantity = 0)))).to.match(/products\[0\]\.quantity must be more than 0/);
    expect(reasonOf(withChange((o) => (o.products[1].price = -10)))).to.match(/products\[1\]\.price/);
  });

  it('given huge strings, then the order is rejected instead of storing them', () => {
    expect(reasonOf(withChange((o) => (o.delivery_address = 'x'.repeat(100_000))))).to.match(/delivery_address is 100000 characters long/);
    expect(reasonOf(withChange((o) => (o.comment = 'y'.repeat(6000))))).to.match(/comment is 6000 characters long/);
    expect(reasonOf(withChange((o) => (o.products[0].article = 'A'.repeat(5000))))).to.match(/products\[0\]\.article is 5000 characters long/);
  });

  it('given no usable id or not an object at all, then the rejection says so without crashing', () => {
    expect(map(null)).to.deep.equal({ kind: 'malformed', order: { externalId: undefined, reason: 'Cartum order without an id: order must be an object, got null' } });
    expect(reasonOf(withChange((o) => (o.order_id = -5)))).to.match(/^Cartum order without an id: order_id must be a positive integer id/);
    expect(reasonOf([1, 2, 3])).to.match(/order must be an object, got an array/);
  });

  it('given the simulator\'s seeded orders, then every one maps and totals add up', () => {
    for (const seeded of seedCartumOrders({ count: 60, seed: 9 })) {
      const fetched = map(seeded);
      expect(fetched.kind, JSON.stringify(fetched)).to.equal('order');
      const { order } = fetched as Extract<FetchedOrder, { kind: 'order' }>;
      const lines = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
      const discounts = order.discounts.reduce((sum, discount) => sum + discount.amount, 0);
      expect(Math.abs(lines - discounts + (order.delivery?.cost ?? 0) - order.total), `order ${order.externalId}`).to.be.at.most(1);
    }
  });

  it("given texts in several languages, then the integration's language is read first (Ukrainian is Horoshop's ua), else ua, uk, ru, en", () => {
    const raw: Record<string, any> = { ...wellFormed(), delivery_type: { id: 1, title: { ua: 'Нова Пошта', ru: 'Новая Почта', en: 'Nova Post' } } };
    raw.products[0].title = { ua: 'Чайник', ru: 'Чайник-ru', en: 'Kettle' };
    const read = (language?: string) => {
      const fetched = mapCartumOrder(raw, { ...context, languages: cartumLanguages(language) });
      expect(fetched.kind).to.equal('order');
      const order = (fetched as Extract<FetchedOrder, { kind: 'order' }>).order;
      return [order.items[0]!.name, order.delivery!.method];
    };
    expect(read('en')).to.deep.equal(['Kettle', 'Nova Post']);
    expect(read('ru')).to.deep.equal(['Чайник-ru', 'Новая Почта']);
    expect(read('uk')).to.deep.equal(['Чайник', 'Нова Пошта']);
    expect(read(undefined)).to.deep.equal(['Чайник', 'Нова Пошта']);
    expect(read('pl'), 'a language the shop lacks falls back').to.deep.equal(['Чайник', 'Нова Пошта']);
  });
});

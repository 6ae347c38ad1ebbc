import { expect } from 'chai';
import type { FetchedOrder, PlatformOrder } from '../../../../src/application/ports/platformClient.js';
import { mapCartumOrder } from '../../../../src/infrastructure/platforms/cartum/cartumOrderMapping.js';
import { mapKeycrmOrder } from '../../../../src/infrastructure/platforms/keycrm/keycrmOrderMapping.js';
import { mapShopifyOrder } from '../../../../src/infrastructure/platforms/shopify/shopifyOrderMapping.js';
import { mapWoocommerceOrder } from '../../../../src/infrastructure/platforms/woocommerce/woocommerceOrderMapping.js';
import { seedCartumOrders } from '../../../../simulators/cartum/index.js';
import { seedKeycrmOrders } from '../../../../simulators/keycrm/index.js';
import { seedShopifyOrders } from '../../../../simulators/shopify/index.js';
import { seedWooCommerceOrders } from '../../../../simulators/woocommerce/index.js';

const orderOf = (fetched: FetchedOrder): PlatformOrder => {
  if (fetched.kind !== 'order') throw new Error(`expected an order, got: ${fetched.order.reason}`);
  return fetched.order;
};
const orderUrl = (id: string) => `https://shop.example/${id}`;

/** Each adapter, given one order whose total is 1500 in major units: the total's minor units for that currency. */
const adapters: Record<string, (currency: string) => number> = {
  keycrm: (currency) => {
    const [order] = seedKeycrmOrders({ count: 1, seed: 11 });
    const raw = { ...order, grand_total: 1500 };
    return orderOf(mapKeycrmOrder(raw, { orderUrl, currencyOfSource: () => currency, deliveryServiceName: () => undefined })).total;
  },
  cartum: (currency) => {
    const [order] = seedCartumOrders({ count: 1, seed: 11 });
    const raw = { ...order, currency, total_sum: '1500', delivery_price: -1 };
    return orderOf(mapCartumOrder(raw, { orderUrl, shopCurrency: currency })).total;
  },
  woocommerce: (currency) => {
    const [order] = seedWooCommerceOrders({ count: 1, seed: 11 });
    return orderOf(mapWoocommerceOrder({ ...order, currency, total: '1500' }, { orderUrl })).total;
  },
  shopify: (currency) => {
    const [order] = seedShopifyOrders({ count: 1, seed: 11 });
    return orderOf(mapShopifyOrder({ ...order, currency, total_price: '1500.00' }, { orderUrl })).total;
  },
};

describe('Money by currency exponent on every adapter', () => {
  for (const [platform, totalIn] of Object.entries(adapters)) {
    it(`given a ${platform} order of 1500 in JPY, EUR and KWD, then its total is 1500, 150000 and 1500000 minor units`, () => {
      expect([totalIn('JPY'), totalIn('EUR'), totalIn('KWD')]).to.deep.equal([1500, 150_000, 1_500_000]);
    });
  }

  it('given a JPY WooCommerce order, then its line prices, delivery and coupons are yen, not hundredths of a yen', () => {
    const [order] = seedWooCommerceOrders({ count: 1, seed: 12 });
    const mapped = orderOf(
      mapWoocommerceOrder(
        {
          ...order,
          currency: 'JPY',
          line_items: [{ ...order.line_items[0], quantity: 2, total: '3000', sku: 'JP-1' }],
          shipping_lines: [{ ...(order.shipping_lines[0] ?? {}), method_title: 'Yamato', total: '800' }],
          coupon_lines: [{ id: 1, code: 'YEN', discount: '200', discount_tax: '0', meta_data: [] }],
          discount_total: '200',
          fee_lines: [],
        },
        { orderUrl },
      ),
    );
    expect(mapped.items.map((item) => item.price)).to.deep.equal([1500]);
    expect(mapped.delivery?.cost).to.equal(800);
    expect(mapped.discounts).to.deep.equal([{ name: 'Coupon YEN', amount: 200 }]);
  });
});

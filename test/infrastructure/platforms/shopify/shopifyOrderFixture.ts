// Shopify orders for unit tests to break at will: as webhooks carry them (REST field names) and as GraphQL Order nodes.

/** An order as Shopify's webhooks carry it (the REST Order resource's JSON), trimmed to what matters plus a few neighbours. */
export function shopifyOrderJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 5_500_000_123,
    admin_graphql_api_id: 'gid://shopify/Order/5500000123',
    name: '#1042',
    order_number: 1042,
    email: 'emma.1@example.com',
    phone: null,
    created_at: '2024-05-01T10:15:00+02:00',
    updated_at: '2024-05-01T11:20:30+02:00',
    cancelled_at: null,
    closed_at: null,
    currency: 'EUR',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: '61.88',
    note: 'Please ring the bell twice',
    source_name: 'web',
    customer: { id: 7_000_000_001, email: 'emma.1@example.com', first_name: 'Emma', last_name: 'Müller', phone: '+49 151 23456789' },
    billing_address: { first_name: 'Emma', last_name: 'Müller', phone: '+49 151 00000000', address1: 'Hauptstraße 1', city: 'Berlin', zip: '10115', country: 'Germany' },
    shipping_address: {
      first_name: 'Anna',
      last_name: 'Becker',
      name: 'Anna Becker',
      address1: 'Gartenweg 7',
      address2: 'Apt 3',
      city: 'Hamburg',
      province: 'Hamburg',
      zip: '20095',
      country: 'Germany',
    },
    line_items: [
      {
        id: 1,
        product_id: 8_000_000_001,
        variant_id: 40_000_000_001,
        title: 'Cotton T-shirt',
        variant_title: 'M / Black',
        name: 'Cotton T-shirt - M / Black',
        sku: 'SH-101-M-BLK',
        quantity: 2,
        price: '19.99',
        total_discount: '4.00',
      },
      { id: 2, product_id: 8_000_000_002, variant_id: 40_000_000_005, title: 'Ceramic Mug', variant_title: null, name: 'Ceramic Mug', sku: 'SH-102', quantity: 1, price: '12.00', total_discount: '0.00' },
    ],
    shipping_lines: [{ id: 9, title: 'Standard Shipping', code: 'standard', price: '4.90', discounted_price: '4.90' }],
    discount_codes: [{ code: 'SPRING10', amount: '5.00', type: 'fixed_amount' }],
    ...overrides,
  };
}

const money = (amount: string) => ({ shopMoney: { amount } });

/** The same order as the GraphQL Admin API's Order node, as the adapter's SynchubOrder fragment selects it. */
export function shopifyOrderNodeJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'gid://shopify/Order/5500000123',
    name: '#1042',
    createdAt: '2024-05-01T08:15:00Z',
    updatedAt: '2024-05-01T09:20:30Z',
    cancelledAt: null,
    closedAt: null,
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    currencyCode: 'EUR',
    email: 'emma.1@example.com',
    phone: null,
    note: 'Please ring the bell twice',
    discountCodes: ['SPRING10'],
    totalPriceSet: money('61.88'),
    cartDiscountAmountSet: money('5.00'),
    customer: { firstName: 'Emma', lastName: 'Müller', defaultEmailAddress: { emailAddress: 'emma.1@example.com' }, defaultPhoneNumber: { phoneNumber: '+49 151 23456789' } },
    billingAddress: { firstName: 'Emma', lastName: 'Müller', phone: '+49 151 00000000' },
    shippingAddress: { name: 'Anna Becker', firstName: 'Anna', lastName: 'Becker', address1: 'Gartenweg 7', address2: 'Apt 3', city: 'Hamburg', province: 'Hamburg', zip: '20095', country: 'Germany' },
    shippingLines: { nodes: [{ title: 'Standard Shipping', originalPriceSet: money('4.90') }] },
    lineItems: {
      nodes: [
        { title: 'Cotton T-shirt', name: 'Cotton T-shirt - M / Black', quantity: 2, sku: 'SH-101-M-BLK', variantTitle: 'M / Black', product: { id: 'gid://shopify/Product/8000000001' }, discountedTotalSet: money('35.98'), customAttributes: [] },
        { title: 'Ceramic Mug', name: 'Ceramic Mug', quantity: 1, sku: 'SH-102', variantTitle: null, product: { id: 'gid://shopify/Product/8000000002' }, discountedTotalSet: money('12.00'), customAttributes: [] },
      ],
      pageInfo: { hasNextPage: false, endCursor: 'x' },
    },
    ...overrides,
  };
}

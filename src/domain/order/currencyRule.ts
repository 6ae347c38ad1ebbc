// Orders taking the wrong currency is what users of such hubs complain about: an order counts only in the store's own currency.

/**
 * The reason a platform order is refused for its currency, or null when it is in the currency configured for the
 * store. The reason is meant to be read by a person in the run's report.
 */
export function currencyRefusal(orderCurrency: string, store: { storeName: string; currency: string }): string | null {
  if (orderCurrency === store.currency) return null;
  return `the order is in ${orderCurrency} but the store ${store.storeName} sells in ${store.currency}`;
}

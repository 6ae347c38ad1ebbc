// A first sync can be tried with one product: only orders holding an article on the allow-list are imported.

/** Whether an order may be imported under the test allow-list; without a list, every order may. */
export function onTestAllowList(allowList: readonly string[] | null, items: readonly { sku?: string }[]): boolean {
  if (!allowList) return true;
  return items.some((item) => !!item.sku && allowList.includes(item.sku));
}

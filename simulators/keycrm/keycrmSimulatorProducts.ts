// The simulator's catalogue: GET /products, POST /products (a product without variants) and GET /offers?filter[sku]=.
import type { RawKeycrmOrder } from './keycrmOrderStore.js';

type Answer = { status: number; body: unknown };

/** The distinct products of the orders, as GET /products lists them. */
export function catalogueOf(orders: readonly RawKeycrmOrder[]): Record<string, unknown>[] {
  const bySku = new Map<string, Record<string, unknown>>();
  for (const order of orders) {
    for (const line of (order.products as Record<string, any>[] | undefined) ?? []) {
      if (typeof line?.sku !== 'string' || bySku.has(line.sku)) continue;
      bySku.set(line.sku, {
        id: line.offer?.product_id ?? bySku.size + 1,
        name: line.name,
        description: '',
        sku: line.sku,
        unit_type: 'шт',
        currency_code: 'UAH',
        min_price: line.price,
        max_price: line.price,
        has_offers: Array.isArray(line.properties) && line.properties.length > 0,
        is_archived: false,
        category_id: 1,
        created_at: order.created_at,
        updated_at: order.created_at,
      });
    }
  }
  return [...bySku.values()];
}

/** POST /products: `name` is required; the new product gets one offer carrying its sku. */
export function createCatalogueProduct(catalogue: Record<string, unknown>[], body: Record<string, unknown> | undefined): Answer {
  if (body === undefined) return { status: 400, body: { message: 'The request body must be JSON.' } };
  const invalid = (field: string, message: string): Answer => ({ status: 422, body: { message, errors: { [field]: [message] } } });
  if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('name', 'The name field is required.');
  if (body.sku !== undefined && typeof body.sku !== 'string') return invalid('sku', 'The sku must be a string.');
  if (body.description !== undefined && typeof body.description !== 'string') return invalid('description', 'The description must be a string.');
  const id = catalogue.reduce((max, p) => Math.max(max, Number(p.id) || 0), 0) + 1;
  const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
  // The Product schema: fields the request left out are left out, not null (the spec allows none).
  const product = {
    id, name: body.name, description: body.description ?? '', ...(body.sku === undefined ? {} : { sku: body.sku }), unit_type: body.unit_type ?? 'шт',
    currency_code: body.currency_code ?? 'UAH', min_price: body.price ?? 0, max_price: body.price ?? 0, has_offers: false,
    is_archived: false, ...(body.category_id === undefined ? {} : { category_id: body.category_id }), created_at: at, updated_at: at,
  };
  catalogue.push(product);
  return { status: 201, body: product };
}

/** GET /offers: one offer per catalogue product, filtered by `filter[sku]` (comma-separated). */
export function offersOf(catalogue: Record<string, unknown>[], query: URLSearchParams): Record<string, unknown>[] {
  const skus = query.get('filter[sku]')?.split(',').filter(Boolean);
  return catalogue
    .filter((product) => typeof product.sku === 'string' && (!skus || skus.includes(product.sku)))
    .map((product) => ({ id: Number(product.id) * 10, product_id: product.id, sku: product.sku, price: product.min_price, quantity: 0 }));
}

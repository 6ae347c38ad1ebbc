// The simulator's products and variations, with the stock WooCommerce keeps per product or per variation.
import type { RawWooCommerceOrder } from './wooCommerceOrderStore.js';

export interface WooCommerceProductRecord {
  id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable' | 'variation';
  status: 'publish' | 'draft' | 'private';
  description: string;
  short_description: string;
  sku: string;
  price: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  categories: Array<{ id: number; name: string; slug: string }>;
  /** 0 for a product, the variable product's id for a variation. */
  parent_id: number;
  variations: number[];
}

export interface WooCommerceStockWrite {
  productId: number;
  /** Set when the write went to a variation. */
  parentId?: number;
  sku: string;
  quantity: number;
  at: string;
}

const slug = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const CLOTHING = { id: 15, name: 'Clothing', slug: 'clothing' };

/** The distinct products and variations the orders' lines name. */
export function catalogueOf(orders: readonly RawWooCommerceOrder[]): WooCommerceProductRecord[] {
  const byId = new Map<number, WooCommerceProductRecord>();
  const product = (fields: Partial<WooCommerceProductRecord> & Pick<WooCommerceProductRecord, 'id' | 'name'>): WooCommerceProductRecord => ({
    slug: slug(fields.name), type: 'simple', status: 'publish', description: `<p>${fields.name}, made to last.</p>`, short_description: '',
    sku: '', price: '', regular_price: '', sale_price: '', manage_stock: false, stock_quantity: null, stock_status: 'instock',
    categories: [CLOTHING], parent_id: 0, variations: [], ...fields,
  });
  for (const order of orders) {
    for (const line of (Array.isArray(order.line_items) ? order.line_items : []) as Record<string, any>[]) {
      if (typeof line?.product_id !== 'number' || line.product_id <= 0 || typeof line.sku !== 'string') continue;
      const price = typeof line.subtotal === 'string' && line.quantity > 0 ? (Number(line.subtotal) / line.quantity).toFixed(2) : '';
      if (!line.variation_id) {
        if (!byId.has(line.product_id)) byId.set(line.product_id, product({ id: line.product_id, name: line.name, sku: line.sku, price, regular_price: price }));
        continue;
      }
      const parentName = typeof line.parent_name === 'string' ? line.parent_name : line.name;
      const parent = byId.get(line.product_id) ?? product({ id: line.product_id, name: parentName, type: 'variable', price });
      byId.set(line.product_id, parent);
      if (byId.has(line.variation_id)) continue;
      parent.variations.push(line.variation_id);
      byId.set(line.variation_id, product({ id: line.variation_id, name: line.name, type: 'variation', sku: line.sku, price, regular_price: price, parent_id: line.product_id, categories: [] }));
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Products as GET /products lists them: variations only when searching by SKU (WooCommerce does the same). */
export function listedProducts(catalogue: readonly WooCommerceProductRecord[], skuFilter: string | null): WooCommerceProductRecord[] {
  if (!skuFilter) return catalogue.filter((product) => product.type !== 'variation');
  const parts = skuFilter.split(',');
  // Woo also matches the whole text, so a SKU that itself holds a comma is still found.
  const skus = new Set(parts.length > 1 ? [...parts, skuFilter] : parts);
  return catalogue.filter((product) => product.sku !== '' && skus.has(product.sku));
}

/** Applies `stock_quantity` / `manage_stock` from a PUT body; answers the problem when the body is not acceptable. */
export function applyStock(product: WooCommerceProductRecord, body: Record<string, unknown>): string | undefined {
  if ('stock_quantity' in body) {
    const quantity = body.stock_quantity;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) return 'stock_quantity is not of type integer.';
    product.stock_quantity = quantity;
  }
  if ('manage_stock' in body) {
    if (typeof body.manage_stock !== 'boolean') return 'manage_stock is not of type boolean.';
    product.manage_stock = body.manage_stock;
  }
  if (product.manage_stock && product.stock_quantity !== null) product.stock_status = product.stock_quantity > 0 ? 'instock' : 'outofstock';
  return undefined;
}

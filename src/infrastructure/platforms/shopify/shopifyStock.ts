// Stock levels into Shopify: each SKU's inventory item (found once per client by a productVariants search), set
// absolutely at one location with inventorySetQuantities — the integration's stockLocation (a location id, numeric or
// gid) or the shop's primary location. SKUs the shop does not sell are skipped, as on the other platforms.
import { randomUUID } from 'node:crypto';
import { PlatformRequestError, type StockLevel } from '../../../application/ports/platformClient.js';
import { messageOf } from './shopifyErrorMessage.js';
import { LOCATION, SET_STOCK, VARIANTS_BY_SKU } from './shopifyDocuments.js';
import type { ShopifyGraphql } from './shopifyGraphql.js';
import { allPages } from './shopifyPaging.js';

/** Shopify takes at most 250 entries in any input list. */
const MAX_INPUT = 250;
/** SKUs asked for in one search: the search text stays short, and pages stay within a small bucket. */
const SKUS_PER_SEARCH = 25;

type Json = Record<string, unknown>;

export class ShopifyStock {
  /** SKU → the inventory items of the variants with that SKU, for the client's life. */
  private readonly items = new Map<string, string[]>();

  constructor(private readonly graphql: ShopifyGraphql) {}

  async push(levels: StockLevel[], location: string | null): Promise<void> {
    const locationId = await this.locationId(location);
    await this.findItems(levels.map((level) => level.sku));
    const quantities = levels.flatMap(({ sku, quantity }) =>
      (this.items.get(sku) ?? []).map((inventoryItemId) => ({ inventoryItemId, locationId, quantity, changeFromQuantity: null })),
    );
    for (let start = 0; start < quantities.length; start += MAX_INPUT) {
      // One key per write: a retry of this very request is answered once, a later push of other levels is a new write.
      const input = { name: 'available', reason: 'correction', referenceDocumentUri: 'synchub://stock-push', quantities: quantities.slice(start, start + MAX_INPUT) };
      const data = await this.graphql.run(SET_STOCK, { input, key: randomUUID() });
      const payload = data.inventorySetQuantities as Json | null;
      const errors = Array.isArray(payload?.userErrors) ? (payload!.userErrors as unknown[]) : [];
      if (errors.length > 0 || !payload) {
        throw new PlatformRequestError('shopify', 422, `Shopify refused the stock levels: ${errors.map(messageOf).join('; ').slice(0, 300) || 'no answer'}`);
      }
    }
  }

  private async locationId(location: string | null): Promise<string> {
    const wanted = location === null || location.trim() === '' ? null : location.trim();
    if (wanted !== null && !/^(\d{1,20}|gid:\/\/shopify\/Location\/\d{1,20})$/.test(wanted)) {
      throw new PlatformRequestError('shopify', 422, `Shopify stock location must be a location id (a number or gid://shopify/Location/…), got ${JSON.stringify(wanted.slice(0, 60))} (not sent)`);
    }
    const id = wanted === null ? null : wanted.startsWith('gid://') ? wanted : `gid://shopify/Location/${wanted}`;
    const data = await this.graphql.run(LOCATION, { id });
    const found = data.location as Json | null;
    if (!found || typeof found.id !== 'string') throw new PlatformRequestError('shopify', 404, `Shopify has no location ${wanted ?? '(primary)'}`);
    if (found.isActive === false) throw new PlatformRequestError('shopify', 422, `Shopify location ${String(found.name ?? found.id)} is not active: it holds no stock`);
    return found.id;
  }

  private async findItems(skus: string[]): Promise<void> {
    const wanted = [...new Set(skus)].filter((sku) => sku && !this.items.has(sku));
    for (let start = 0; start < wanted.length; start += SKUS_PER_SEARCH) {
      const group = wanted.slice(start, start + SKUS_PER_SEARCH);
      for (const sku of group) this.items.set(sku, []);
      const query = group.map((sku) => `sku:${quoted(sku)}`).join(' OR ');
      // Search for a SKU matches it whole; the variants found are checked to carry one of the SKUs asked for.
      for await (const nodes of allPages(this.graphql, VARIANTS_BY_SKU, { query }, (data) => data.productVariants)) {
        for (const node of nodes) {
          const { sku, inventoryItem } = (node ?? {}) as { sku?: unknown; inventoryItem?: { id?: unknown } };
          if (typeof sku === 'string' && group.includes(sku) && typeof inventoryItem?.id === 'string') this.items.get(sku)!.push(inventoryItem.id);
        }
      }
    }
  }
}

/** A SKU as a search value: quoted, with quotes and backslashes escaped, so spaces and colons stay part of it. */
function quoted(sku: string): string {
  return `"${sku.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

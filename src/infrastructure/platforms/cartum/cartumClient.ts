// The Cartum (Horoshop) anti-corruption adapter: speaks Horoshop's JSON POST API on one side and the PlatformClient
// port on the other.
import {
  PlatformRequestError,
  type FetchedOrder,
  type FetchedProduct,
  type PlatformClient,
  type PlatformStatus,
  type UpdatedWindow,
} from '../../../application/ports/platformClient.js';
import { CartumApi, type CartumApiOptions } from './cartumApi.js';
import { cartumEndpoints } from './cartumEndpoints.js';
import { cartumMessage } from './cartumEnvelope.js';
import { cartumLanguages } from './cartumFields.js';
import { mapCartumOrder } from './cartumOrderMapping.js';
import { mapCartumProduct } from './cartumProductMapping.js';
import { CartumShopCurrency } from './cartumShopCurrency.js';
import { DEFAULT_CARTUM_STATUSES, readCartumStatuses } from './cartumStatuses.js';
import { CARTUM_TIME_ZONE, cartumTimeOf } from './cartumTime.js';
import { SeenKeys } from '../seenKeys.js';

export interface CartumClientOptions extends CartumApiOptions {
  /** Orders asked for per page; Horoshop may serve fewer, so the walk goes on to an empty page. */
  pageLimit?: number;
  /** The shop's clock (Horoshop times carry no zone). */
  timeZone?: string;
  /** The integration's language (ISO 639-1): texts are read in it when the shop has them so. */
  language?: string;
}

/** Horoshop answers 100 orders in ~300 KB; larger pages risk its response limits. */
export const CARTUM_PAGE_LIMIT = 100;

export class CartumClient implements PlatformClient {
  readonly platform = 'cartum' as const;
  readonly api: CartumApi;
  private readonly currency: CartumShopCurrency;
  private readonly pageLimit: number;
  private readonly timeZone: string;
  private readonly orderUrlBase: string;
  private readonly languages: readonly string[];

  constructor(options: CartumClientOptions) {
    this.languages = cartumLanguages(options.language);
    this.api = new CartumApi(options);
    this.currency = new CartumShopCurrency(this.api);
    this.pageLimit = Math.max(1, options.pageLimit ?? CARTUM_PAGE_LIMIT);
    this.timeZone = options.timeZone ?? CARTUM_TIME_ZONE;
    this.orderUrlBase = cartumEndpoints(options.baseUrl).orderUrlBase;
  }

  async *ordersUpdatedBetween(window: UpdatedWindow, options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedOrder[]> {
    // Assumed: from/to select orders by their last change (Horoshop's docs say "date"), both bounds inclusive.
    const range = { from: cartumTimeOf(window.from, this.timeZone), to: cartumTimeOf(window.to, this.timeZone) };
    yield* this.walk((offset) => this.api.call('orders/get', { ...range, offset, limit: this.pageLimit }, options.signal), (raws) => this.mapOrders(raws, options.signal), 'orders');
  }

  async order(externalId: string): Promise<FetchedOrder | undefined> {
    if (!/^\d{1,15}$/.test(externalId)) return undefined;
    const result = await this.api.call('orders/get', { ids: [Number(externalId)], offset: 0, limit: 1 });
    const raw = this.listOf(result, 'orders').find((candidate) => String((candidate as { order_id?: unknown } | null)?.order_id ?? '') === externalId);
    if (raw === undefined) return undefined;
    const [mapped] = await this.mapOrders([raw]);
    return mapped.item;
  }

  async statuses(): Promise<PlatformStatus[]> {
    try {
      const result = await this.api.call('orders/get_available_statuses');
      return result.empty ? [...DEFAULT_CARTUM_STATUSES] : readCartumStatuses(result.response, this.languages);
    } catch (error) {
      // Shops older than Horoshop 4 do not have the function: their statuses are the built-in ones.
      if (error instanceof PlatformRequestError && /UNDEFINED_FUNCTION/.test(error.message)) return [...DEFAULT_CARTUM_STATUSES];
      throw error;
    }
  }

  async changeOrderStatus(externalId: string, status: string): Promise<void> {
    if (!/^\d{1,15}$/.test(externalId)) throw new PlatformRequestError('cartum', 404, `Cartum order id must be a number, got ${JSON.stringify(externalId.slice(0, 40))}`);
    if (!/^\d{1,15}$/.test(status)) throw new PlatformRequestError('cartum', 422, `Cartum status id must be a number, got ${JSON.stringify(status.slice(0, 40))} (not sent)`);
    const result = await this.api.call('orders/update', { orders: [{ order_id: Number(externalId), status: Number(status) }] });
    if (result.empty) throw new PlatformRequestError('cartum', 404, `Cartum orders/update changed nothing for order ${externalId}`);
    // WARNING carries a log with one entry per order that failed.
    const log = (result.response as { log?: unknown } | null)?.log;
    const failure = Array.isArray(log)
      ? log.find((entry) => {
          const { order_id: id, code } = (entry ?? {}) as { order_id?: unknown; code?: unknown };
          return String(id) === externalId && code !== undefined && code !== 'OK' && code !== 'UPDATED';
        })
      : undefined;
    if (failure || (result.warning && !Array.isArray(log))) {
      const said = failure ? cartumMessage(failure) : 'WARNING without a log';
      throw new PlatformRequestError('cartum', 422, this.api.redact(`Cartum did not change order ${externalId} to status ${status}: ${said}`));
    }
  }

  async *products(options: { signal?: AbortSignal } = {}): AsyncIterable<FetchedProduct[]> {
    yield* this.walk(
      (offset) => this.api.call('catalog/export', { offset, limit: this.pageLimit }, options.signal),
      async (raws) => raws.map((raw) => ({ key: keyOf((raw as { article?: unknown } | null)?.article, raw), item: mapCartumProduct(raw, this.languages) })),
      'products',
    );
  }

  /** Offset pages to the first empty one, each item once; a page with nothing new means the offset is ignored. */
  private async *walk<T>(
    fetchPage: (offset: number) => ReturnType<CartumApi['call']>,
    map: (raws: unknown[]) => Promise<Array<{ key: string; item: T }>>,
    listName: string,
  ): AsyncGenerator<T[]> {
    const seen = new SeenKeys();
    for (let offset = 0; ; ) {
      const raws = this.listOf(await fetchPage(offset), listName);
      if (raws.length === 0) return;
      const fresh = (await map(raws)).filter(({ key }) => seen.firstTime(key));
      if (fresh.length === 0) return;
      yield fresh.map(({ item }) => item);
      offset += raws.length;
    }
  }

  private listOf(result: Awaited<ReturnType<CartumApi['call']>>, name: string): unknown[] {
    if (result.empty) return [];
    const list = Array.isArray(result.response) ? result.response : (result.response as Record<string, unknown> | null)?.[name];
    if (!Array.isArray(list)) throw new PlatformRequestError('cartum', 502, `Cartum answered without a list of ${name}`);
    return list;
  }

  private async mapOrders(raws: unknown[], signal?: AbortSignal): Promise<Array<{ key: string; item: FetchedOrder }>> {
    const shopCurrency = await this.currency.lookup(raws, signal);
    const context = { orderUrl: (id: string) => `${this.orderUrlBase}${id}`, shopCurrency, timeZone: this.timeZone, languages: this.languages };
    return raws.map((raw) => ({ key: keyOf((raw as { order_id?: unknown } | null)?.order_id, raw), item: mapCartumOrder(raw, context) }));
  }
}

/** An item's identity for de-duplication across pages: its id, or its whole content when it has none. */
function keyOf(id: unknown, raw: unknown): string {
  return typeof id === 'string' || typeof id === 'number' ? `id:${id}` : `content:${JSON.stringify(raw) ?? 'undefined'}`;
}

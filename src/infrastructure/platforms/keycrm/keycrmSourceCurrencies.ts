// KeyCRM orders carry no currency; each order's source (GET /order/source) has a `currency_code`.
import type { KeycrmHttp } from './keycrmHttp.js';
import { eachPage, KEYCRM_PAGE_LIMIT, readPage } from './keycrmPagination.js';
import { asKeycrm } from './keycrmSpecFields.js';

/** Sources change rarely; a new one seen in an order triggers a reload at most this often. */
const RELOAD_AFTER_MS = 60_000;

export class KeycrmSourceCurrencies {
  private currencies: Map<string, string | undefined> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly http: KeycrmHttp,
    private readonly now: () => number,
  ) {}

  /** A lookup that knows every source named by these raw orders, reloading once if one is new. */
  async lookupFor(rawOrders: unknown[], signal?: AbortSignal): Promise<(sourceId: string | undefined) => string | undefined> {
    const wanted = rawOrders.map(sourceIdOf).filter((id): id is string => id !== undefined);
    const stale = this.now() - this.loadedAt > RELOAD_AFTER_MS;
    if (!this.currencies || (stale && wanted.some((id) => !this.currencies!.has(id)))) await this.load(signal);
    const currencies = this.currencies!;
    return (sourceId) => (sourceId === undefined ? undefined : currencies.get(sourceId));
  }

  private async load(signal?: AbortSignal): Promise<void> {
    const currencies = new Map<string, string | undefined>();
    const pages = eachPage(async (page) => readPage(await this.http.get('/order/source', { limit: KEYCRM_PAGE_LIMIT, page }, signal), page, 'GET /order/source'));
    for await (const page of pages) {
      for (const source of page.items) {
        if (typeof source !== 'object' || source === null) continue;
        const { id, currency_code: code } = asKeycrm('source', source as Record<string, unknown>);
        if (typeof id !== 'number') continue;
        currencies.set(String(id), typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : undefined);
      }
    }
    this.currencies = currencies;
    this.loadedAt = this.now();
  }
}

function sourceIdOf(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { source_id?: unknown }).source_id : undefined;
  return typeof id === 'number' ? String(id) : undefined;
}

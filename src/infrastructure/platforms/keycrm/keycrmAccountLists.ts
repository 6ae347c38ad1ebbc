// The account's lists an order names by id (GET /order/delivery-service, GET /products/categories): read once per
// client, which lives for one sync run, and looked up by id.
import type { KeycrmHttp } from './keycrmHttp.js';
import { eachPage, KEYCRM_PAGE_LIMIT, readPage } from './keycrmPagination.js';
import { asKeycrm, type KeycrmSchema } from './keycrmSpecFields.js';

/** Names by id from one paginated list of `{id, name}` items; items without both are left out. */
export class KeycrmNamedList {
  private names: Map<string, string> | undefined;

  constructor(
    private readonly http: KeycrmHttp,
    private readonly path: '/order/delivery-service' | '/products/categories',
    private readonly schema: Extract<KeycrmSchema, 'deliveryService' | 'category'>,
  ) {}

  /** Loads the list when it was not loaded yet; the lookup answers from what was loaded. */
  async lookup(signal?: AbortSignal): Promise<(id: string) => string | undefined> {
    if (!this.names) this.names = await this.load(signal);
    const names = this.names;
    return (id) => names.get(id);
  }

  private async load(signal?: AbortSignal): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const pages = eachPage(async (page) => readPage(await this.http.get(this.path, { limit: KEYCRM_PAGE_LIMIT, page }, signal), page, `GET ${this.path}`));
    for await (const page of pages) {
      for (const raw of page.items) {
        if (typeof raw !== 'object' || raw === null) continue;
        const { id, name } = asKeycrm(this.schema, raw as Record<string, unknown>);
        if (typeof id === 'number' && typeof name === 'string' && name.trim()) names.set(String(id), name.trim());
      }
    }
    return names;
  }
}

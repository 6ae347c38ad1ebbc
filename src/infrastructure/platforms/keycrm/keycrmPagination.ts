// KeyCRM's paginated envelope (PaginatedResponse): `data` plus page counters.
import { PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import { asKeycrm } from './keycrmSpecFields.js';

/** The most KeyCRM serves per page (limitParam maximum). */
export const KEYCRM_PAGE_LIMIT = 50;

export interface KeycrmPage {
  items: unknown[];
  page: number;
  lastPage: number;
  total: number | undefined;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

/** Reads the envelope as the spec documents it (PaginatedResponse): the last page follows from total and per_page, else from next_page_url. */
export function readPage(body: unknown, page: number, what: string): KeycrmPage {
  const envelope = asKeycrm('page', typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
  if (!Array.isArray(envelope.data)) {
    throw new PlatformUnavailableError('keycrm', `KeyCRM ${what} answered page ${page} without a data list`);
  }
  const total = count(envelope.total);
  const perPage = count(envelope.per_page);
  const lastPage = total !== undefined && perPage ? Math.max(1, Math.ceil(total / perPage)) : typeof envelope.next_page_url === 'string' ? page + 1 : page;
  return { items: envelope.data, page, lastPage, total };
}

/** Every item of a paginated list, page after page; stops at the last page or an empty one. */
export async function* eachPage(fetchPage: (page: number) => Promise<KeycrmPage>): AsyncGenerator<KeycrmPage> {
  for (let page = 1; ; page++) {
    const current = await fetchPage(page);
    yield current;
    if (current.items.length === 0 || page >= current.lastPage) return;
  }
}

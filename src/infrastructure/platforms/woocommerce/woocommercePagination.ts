// WordPress REST lists: a JSON array per page, the counts in X-WP-Total and X-WP-TotalPages.
import { PlatformUnavailableError } from '../../../application/ports/platformClient.js';
import type { PlatformAnswer } from '../http/platformHttp.js';

/** The most WordPress serves per page. */
export const WOOCOMMERCE_PAGE_SIZE = 100;

export interface WoocommercePage {
  items: unknown[];
  /** Undefined when the site strips the header (some caches and proxies do). */
  totalPages: number | undefined;
  total: number | undefined;
}

const count = (value: string | null): number | undefined => (value !== null && /^\d{1,9}$/.test(value.trim()) ? Number(value) : undefined);

export function readPage(answer: PlatformAnswer, page: number, what: string): WoocommercePage {
  if (!Array.isArray(answer.body)) throw new PlatformUnavailableError('woocommerce', `WooCommerce ${what} answered page ${page} with something other than a list`);
  return { items: answer.body, totalPages: count(answer.headers.get('x-wp-totalpages')), total: count(answer.headers.get('x-wp-total')) };
}

/** The last page is the one X-WP-TotalPages names; without it, a short page is the last. */
export function isLastPage(current: WoocommercePage, page: number): boolean {
  if (current.items.length === 0) return true;
  return current.totalPages !== undefined ? page >= current.totalPages : current.items.length < WOOCOMMERCE_PAGE_SIZE;
}

import type { Request, Response } from 'express';
import { queryStringOf } from './queryString.js';

/**
 * `Link: <…?after=…&limit=…>; rel="next"` (RFC 8288) when another page follows: the request's own path and filters,
 * its page number replaced by the cursor, so a client walks a list by following links.
 */
export function linkToNextPage(req: Request, res: Response, { nextCursor, limit }: { nextCursor: string | null; limit: number }): void {
  if (nextCursor === null) return;
  const query = new URLSearchParams(queryStringOf(req.originalUrl));
  query.delete('page');
  query.set('after', nextCursor);
  query.set('limit', String(limit));
  // The path as the client sent it, %-encoded; a byte no header may carry is encoded again.
  const path = `${req.baseUrl}${req.path}`.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  res.set('Link', `<${path}?${query}>; rel="next"`);
}

/** A page as every list answers it: the page's fields with its items as shown, and the link to the next page. */
export function sendPage(req: Request, res: Response, page: { nextCursor: string | null; limit: number }, items: unknown[]): void {
  linkToNextPage(req, res, page);
  res.json({ ...page, items });
}

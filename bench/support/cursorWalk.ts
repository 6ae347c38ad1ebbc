// Walking a list by its cursors (the shared contract: `nextCursor` in the answer, `Link: <…>; rel="next"`), to reach a deep page.

/** Page `page` of the list reached by following `nextCursor` (the Link header's path when given); undefined when the list gives no cursor. */
export async function cursorPath(base: string, list: string, page: number, token: string): Promise<{ page: number; path: string } | undefined> {
  let path = list;
  for (let reached = 1; reached < page; reached++) {
    const response = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    const body = (await response.json()) as { nextCursor?: string | null };
    if (body.nextCursor === undefined) return undefined;
    // Fewer pages than asked for: the last one stands in.
    if (body.nextCursor === null) return { page: reached, path };
    const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
    path = link ? link[1].replace(/^https?:\/\/[^/]+/, '') : `${list}${list.includes('?') ? '&' : '?'}after=${encodeURIComponent(body.nextCursor)}`;
  }
  return { page, path };
}

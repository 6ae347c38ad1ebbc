// Shopify's cursor pagination: the next page is the `rel="next"` URL of the Link header, and its page_info cursor
// may travel only with `limit` (and `fields`): any other filter alongside it is refused with 400.

/** The page_info of the Link header's next page, or undefined on the last page. */
export function nextPageInfo(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (!match) continue;
    try {
      return new URL(match[1]).searchParams.get('page_info') ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

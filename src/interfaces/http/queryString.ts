/** What follows the `?` of a request's URL, as sent; empty without one. */
export function queryStringOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}

// Shopify's error answers: `errors` as text, as a list of GraphQL errors or texts, or as field → messages; the OAuth
// token endpoint's `error` with `error_description`.

export function shopifyErrorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ''; // not the platform's error format: its body is never repeated
  }
  if (typeof body !== 'object' || body === null) return '';
  const { errors, error, error_description: description } = body as { errors?: unknown; error?: unknown; error_description?: unknown };
  if (typeof error === 'string' && typeof description === 'string') return `${error}: ${description}`.slice(0, 500);
  const said = errors ?? error;
  if (typeof said === 'string') return said.slice(0, 500);
  if (Array.isArray(said)) return said.map(messageOf).filter(Boolean).join('; ').slice(0, 500);
  if (typeof said === 'object' && said !== null) {
    const parts = Object.entries(said).map(([field, problems]) => {
      const list = Array.isArray(problems) ? problems : [problems];
      return `${field}: ${list.filter((entry) => typeof entry === 'string').join(', ')}`;
    });
    return parts.join('; ').slice(0, 500);
  }
  return '';
}

/** A GraphQL error's message (with its code), or a plain text entry. */
export function messageOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return '';
  const { message, extensions } = entry as { message?: unknown; extensions?: { code?: unknown } };
  const code = typeof extensions?.code === 'string' ? `${extensions.code}: ` : '';
  return typeof message === 'string' ? `${code}${message}` : '';
}

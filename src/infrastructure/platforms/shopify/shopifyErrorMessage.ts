// Shopify's error answers: `errors` as text, as a list, or as field → messages; sometimes a single `error`.

export function shopifyErrorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ''; // not the platform's error format: its body is never repeated
  }
  if (typeof body !== 'object' || body === null) return '';
  const { errors, error } = body as { errors?: unknown; error?: unknown };
  const said = errors ?? error;
  if (typeof said === 'string') return said.slice(0, 500);
  if (Array.isArray(said)) return said.filter((entry) => typeof entry === 'string').join('; ').slice(0, 500);
  if (typeof said === 'object' && said !== null) {
    const parts = Object.entries(said).map(([field, problems]) => {
      const list = Array.isArray(problems) ? problems : [problems];
      return `${field}: ${list.filter((entry) => typeof entry === 'string').join(', ')}`;
    });
    return parts.join('; ').slice(0, 500);
  }
  return '';
}

// KeyCRM's error answers: a `message` and per-field validation errors.

/** KeyCRM's own words from an error answer: `message`, then the first validation error of each field. */
export function keycrmErrorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ''; // not the platform's error format: its body is never repeated
  }
  if (typeof body !== 'object' || body === null) return '';
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const parts: string[] = typeof message === 'string' ? [message] : [];
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, problems] of Object.entries(errors)) {
      const first = Array.isArray(problems) ? problems[0] : problems;
      if (typeof first === 'string') parts.push(`${field}: ${first}`);
    }
  }
  return parts.join(' ').slice(0, 500);
}

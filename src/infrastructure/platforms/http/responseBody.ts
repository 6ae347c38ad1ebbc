// Reads a platform's answer without trusting its size or its format.

/** An attempt whose answer could not be used; the request may be tried again. */
export class FailedAttempt extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'FailedAttempt';
  }
}

/** The body as text, stopping at `maxBytes` so a runaway answer cannot exhaust memory. */
export async function readBodyText(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new FailedAttempt(`answer larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON or a failed attempt that says what came instead (its type and size: the body of an answer that is not the platform's is never repeated). */
export function parseJsonBody(text: string, contentType: string | null = null): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const type = contentType?.split(';')[0].trim().slice(0, 60) || 'no content type';
    throw new FailedAttempt(text.trim() === '' ? 'answer was empty, not JSON' : `answer is not JSON (${type}, ${Buffer.byteLength(text)} bytes)`);
  }
}

/** A platform's own words for operators: control characters out, whitespace folded, cut short. */
export function sanitisedDetail(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

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

/** JSON or a failed attempt that says what came instead. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const start = text.slice(0, 40).replace(/\s+/g, ' ').trim();
    throw new FailedAttempt(text.trim() === '' ? 'answer was empty, not JSON' : `answer is not JSON (starts with ${JSON.stringify(start)})`);
  }
}

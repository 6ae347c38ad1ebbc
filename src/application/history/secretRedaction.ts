/** What a history shows in place of credentials. */
export const REDACTED = '[redacted]';

/** Fields that hold credentials, sealed or not: their value never leaves the service. */
const SECRET_FIELDS = new Set(['sealed', 'sealedCredentials', 'credentials']);

/**
 * Event data as a history may show it: every credential field, at any depth, becomes `credentials: "[redacted]"`.
 * Sealed blobs are encrypted, yet they are still secrets: a leaked key would open every one ever shown.
 */
export function redactSecrets(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(redactSecrets);
  if (data === null || typeof data !== 'object') return data;
  const redacted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    if (SECRET_FIELDS.has(field)) redacted.credentials = REDACTED;
    else redacted[field] = redactSecrets(value);
  }
  return redacted;
}

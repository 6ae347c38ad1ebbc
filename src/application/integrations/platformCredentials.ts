import { InvalidValueError } from '../../domain/shared/errors.js';
import type { Platform } from '../../domain/integration/integrationSettings.js';

/** The credential fields each platform needs; optional ones may be left out. */
const CREDENTIAL_FIELDS: Record<Platform, { required: string[]; optional: string[] }> = {
  keycrm: { required: ['apiKey'], optional: [] },
  cartum: { required: ['login', 'password'], optional: [] },
  woocommerce: { required: ['consumerKey', 'consumerSecret'], optional: ['webhookSecret'] },
  shopify: { required: ['accessToken'], optional: ['webhookSecret'] },
};

export function validateCredentials(platform: Platform, credentials: Record<string, unknown>): Record<string, string> {
  const { required, optional } = CREDENTIAL_FIELDS[platform];
  for (const field of required) {
    const value = credentials[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InvalidValueError(`credentials.${field}`, `is required for ${platform}`);
    }
  }
  for (const [field, value] of Object.entries(credentials)) {
    if (!required.includes(field) && !optional.includes(field)) {
      throw new InvalidValueError(`credentials.${field}`, `is not a ${platform} credential (expected ${[...required, ...optional].join(', ')})`);
    }
    if (typeof value !== 'string' || value.length > 2000) throw new InvalidValueError(`credentials.${field}`, 'must be text');
  }
  return credentials as Record<string, string>;
}

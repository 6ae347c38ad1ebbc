import { InvalidValueError } from '../../domain/shared/errors.js';
import type { Platform } from '../../domain/integration/integrationSettings.js';

/** The credential fields each platform needs (one set of `required`, when it has several); optional ones may be left out. */
const CREDENTIAL_FIELDS: Record<Platform, { required: string[][]; optional: string[] }> = {
  keycrm: { required: [['apiKey']], optional: [] },
  cartum: { required: [['login', 'password']], optional: [] },
  woocommerce: { required: [['consumerKey', 'consumerSecret']], optional: ['webhookSecret'] },
  // A Dev Dashboard app (client credentials grant), or a legacy custom app's token with its webhook secret.
  shopify: { required: [['clientId', 'clientSecret'], ['accessToken']], optional: ['webhookSecret'] },
};

export function validateCredentials(platform: Platform, credentials: Record<string, unknown>): Record<string, string> {
  const sets = CREDENTIAL_FIELDS[platform].required;
  // The set the caller meant: the one with most of its fields given.
  const given = (set: string[]) => set.filter((field) => credentials[field] !== undefined).length;
  const required = sets.reduce((best, set) => (given(set) > given(best) ? set : best));
  const others = sets.filter((set) => set !== required);
  const { optional } = CREDENTIAL_FIELDS[platform];
  for (const field of required) {
    const value = credentials[field];
    if (typeof value !== 'string' || value.trim() === '') {
      const unless = others.length ? `, unless ${others.map((set) => set.join(' and ')).join(' or ')} ${others.length === 1 && others[0].length > 1 ? 'are' : 'is'} given` : '';
      throw new InvalidValueError(`credentials.${field}`, `is required for ${platform}${unless}`);
    }
  }
  for (const [field, value] of Object.entries(credentials)) {
    if (others.some((set) => set.includes(field))) {
      throw new InvalidValueError(`credentials.${field}`, `cannot be given with ${required.join(' and ')}: ${platform} takes ${sets.map((set) => set.join(' and ')).join(', or ')}`);
    }
    if (!required.includes(field) && !optional.includes(field)) {
      throw new InvalidValueError(`credentials.${field}`, `is not a ${platform} credential (expected ${[...required, ...optional].join(', ')})`);
    }
    if (typeof value !== 'string' || value.length > 2000) throw new InvalidValueError(`credentials.${field}`, 'must be text');
  }
  return credentials as Record<string, string>;
}

// What each platform takes as credentials and options, from its descriptor, for clients that build a connect form.
import { PLATFORM_REGISTRY } from '../../../infrastructure/platforms/platformRegistry.js';
import type { Schema } from './responseSchemas.js';

/** The `credentials` property of the connect and settings bodies: write-only, one set of fields per platform. */
export function credentialsSchema(): Schema {
  return {
    type: 'object',
    writeOnly: true,
    additionalProperties: { type: 'string' },
    description:
      'Write-only: sealed when stored, never returned. x-platforms lists, per platform, the sets of fields any one of which is ' +
      'enough (oneOf), the fields that may come with any set (optional) and the platformOptions it takes.',
    'x-platforms': Object.fromEntries(
      PLATFORM_REGISTRY.map((platform) => [
        platform.name,
        {
          title: platform.title,
          oneOf: platform.credentials.oneOf.map((set) => Object.keys(set)),
          optional: Object.keys(platform.credentials.optional ?? {}),
          options: Object.keys(platform.options ?? {}),
        },
      ]),
    ),
  };
}

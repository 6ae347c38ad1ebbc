// KeyCRM as synchub knows it: a Bearer API key, the OpenAPI host behind an account's address, and what its client does.
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import type { HttpTuning } from '../http/platformHttp.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { KeycrmClient } from './keycrmClient.js';
import { keycrmEndpoints } from './keycrmEndpoints.js';

/** A secret is at least 8 characters: a shorter one is a typo, and scrubbing it from messages would garble them. */
const credentials = credentialSchema({ oneOf: [{ apiKey: { minLength: 8 } }] });

export function keycrmClientFor(connection: PlatformConnection, tuning: HttpTuning = {}): KeycrmClient {
  const { apiBaseUrl, orderUrlBase } = keycrmEndpoints(connection.baseUrl);
  return new KeycrmClient({ signal: connection.signal, ...tuning, baseUrl: apiBaseUrl, apiKey: credentialsOf(credentials, connection).apiKey, orderUrlBase });
}

export const keycrmPlatform = definePlatform({
  name: 'keycrm',
  title: 'KeyCRM',
  credentials,
  endpoints: keycrmEndpoints,
  client: KeycrmClient,
  clientFor: keycrmClientFor,
});

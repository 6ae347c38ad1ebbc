// Cartum (Horoshop) as synchub knows it: an admin's login and password, the shop's domain, and what its client does.
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { CartumClient } from './cartumClient.js';
import { cartumEndpoints } from './cartumEndpoints.js';

/** The password is a secret of at least 8 characters (scrubbed from every message); the login is a name, not a secret. */
const credentials = credentialSchema({ oneOf: [{ login: { minLength: 2 }, password: { minLength: 8 } }] });

export function cartumClientFor(connection: PlatformConnection): CartumClient {
  const { login, password } = credentialsOf(credentials, connection);
  return new CartumClient({ baseUrl: connection.baseUrl, login, password, language: connection.language, signal: connection.signal });
}

export const cartumPlatform = definePlatform({
  name: 'cartum',
  title: 'Cartum (Horoshop)',
  credentials,
  endpoints: cartumEndpoints,
  client: CartumClient,
  clientFor: cartumClientFor,
});

// Cartum (Horoshop) as synchub knows it: an admin's login and password, the shop's domain, and what its client does.
import type { PlatformConnection } from '../../../application/ports/platformClient.js';
import { credentialSchema, credentialsOf } from '../credentialSchema.js';
import { definePlatform } from '../platformDescriptor.js';
import { CartumClient } from './cartumClient.js';
import { cartumEndpoints } from './cartumEndpoints.js';

const credentials = credentialSchema({ oneOf: [{ login: {}, password: {} }] });

export function cartumClientFor(connection: PlatformConnection): CartumClient {
  const { login, password } = credentialsOf(credentials, connection);
  return new CartumClient({ baseUrl: connection.baseUrl, login, password, language: connection.language });
}

export const cartumPlatform = definePlatform({
  name: 'cartum',
  title: 'Cartum (Horoshop)',
  credentials,
  endpoints: cartumEndpoints,
  client: CartumClient,
  clientFor: cartumClientFor,
});

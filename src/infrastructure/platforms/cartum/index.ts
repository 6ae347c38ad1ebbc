// The only door into the Cartum (Horoshop) adapter from outside this folder.
import { PlatformRequestError, type PlatformClient, type PlatformConnection } from '../../../application/ports/platformClient.js';
import { CartumClient } from './cartumClient.js';

export function cartumClientFor(connection: PlatformConnection): PlatformClient {
  const { login, password } = connection.credentials;
  if (!login || !password) throw new PlatformRequestError('cartum', 401, 'Cartum connection needs a login and a password credential');
  return new CartumClient({ baseUrl: connection.baseUrl, login, password });
}

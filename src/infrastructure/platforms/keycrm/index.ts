// The only door into the KeyCRM adapter from outside this folder.
import { PlatformRequestError, type PlatformClient, type PlatformConnection } from '../../../application/ports/platformClient.js';
import { KeycrmClient } from './keycrmClient.js';
import { keycrmEndpoints } from './keycrmEndpoints.js';

export function keycrmClientFor(connection: PlatformConnection): PlatformClient {
  const apiKey = connection.credentials.apiKey;
  if (!apiKey) throw new PlatformRequestError('keycrm', 401, 'KeyCRM connection has no apiKey credential');
  const { apiBaseUrl, orderUrlBase } = keycrmEndpoints(connection.baseUrl);
  return new KeycrmClient({ baseUrl: apiBaseUrl, apiKey, orderUrlBase });
}

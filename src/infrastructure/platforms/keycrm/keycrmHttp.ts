// KeyCRM's flavour of the shared platform HTTP: a bearer key, 55 requests a minute, KeyCRM's error shape.
import { PlatformRequestError } from '../../../application/ports/platformClient.js';
import { PlatformHttp, type HttpTuning } from '../http/platformHttp.js';
import { keycrmErrorMessage } from './keycrmErrorMessage.js';

export interface KeycrmHttpOptions extends HttpTuning {
  /** e.g. https://openapi.keycrm.app/v1 */
  baseUrl: string;
  apiKey: string;
}

export type KeycrmHttp = PlatformHttp;

export function keycrmHttp(options: KeycrmHttpOptions): PlatformHttp {
  if (!options.apiKey) throw new PlatformRequestError('keycrm', 401, 'KeyCRM connection has no apiKey credential');
  // KeyCRM allows 60 a minute per key; 55 leaves a margin.
  return new PlatformHttp({
    requestsPerMinute: 55,
    ...options,
    platform: 'keycrm',
    label: 'KeyCRM',
    credential: options.apiKey,
    authHeaders: () => ({ Authorization: `Bearer ${options.apiKey}` }),
    errorMessage: keycrmErrorMessage,
  });
}

// A connection's base URL may be the account (https://acme.keycrm.app) or the API itself; KeyCRM needs both.

export const KEYCRM_API_URL = 'https://openapi.keycrm.app/v1';

export interface KeycrmEndpoints {
  apiBaseUrl: string;
  orderUrlBase?: string;
}

export function keycrmEndpoints(baseUrl: string): KeycrmEndpoints {
  const url = new URL(baseUrl);
  const account = /^([a-z0-9-]+)\.keycrm\.app$/i.exec(url.hostname)?.[1];
  if (account && account.toLowerCase() !== 'openapi') {
    return { apiBaseUrl: KEYCRM_API_URL, orderUrlBase: `https://${url.hostname.toLowerCase()}/app/orders/view/` };
  }
  return { apiBaseUrl: baseUrl };
}

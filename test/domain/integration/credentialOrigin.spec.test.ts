import { integrationDecider } from '../../../src/domain/integration/integrationDecider.js';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { at, connected } from './integrationFixtures.js';

const spec = DeciderSpecification.for(integrationDecider);

describe('Integration: credentials are bound to the origin they were given for', () => {
  for (const [what, baseUrl] of [
    ['another host', 'https://listener.example.net/v1'],
    ['another scheme', 'http://openapi.keycrm.app/v1'],
    ['another port', 'https://openapi.keycrm.app:8443/v1'],
  ] as const) {
    it(`given stored credentials, when baseUrl moves to ${what} without credentials, then the change is refused naming credentials`, () => {
      spec.given(connected).when({ type: 'ChangeSettings', data: { changes: { baseUrl, name: 'Renamed' }, at } }).thenThrows(InvalidValueError, /^credentials: must be given again/);
    });
  }

  it('given stored credentials, when baseUrl moves to another origin with credentials, then settings and credentials change in one decision and the settings event says the credentials were replaced', () => {
    spec
      .given(connected)
      .when({ type: 'ChangeSettings', data: { changes: { baseUrl: 'https://other.example.com/v1' }, sealedCredentials: 'v1.new-sealed', at } })
      .then([
        { type: 'IntegrationSettingsChanged', data: { changes: { baseUrl: 'https://other.example.com/v1' }, changedAt: at, credentialsReplaced: true } },
        { type: 'IntegrationCredentialsChanged', data: { sealed: 'v1.new-sealed', changedAt: at } },
      ]);
  });

  it('given stored credentials, when baseUrl changes only its path on the same origin (default port written out), then no credentials are needed', () => {
    spec
      .given(connected)
      .when({ type: 'ChangeSettings', data: { changes: { baseUrl: 'https://openapi.keycrm.app:443/v2' }, at } })
      .then([{ type: 'IntegrationSettingsChanged', data: { changes: { baseUrl: 'https://openapi.keycrm.app:443/v2' }, changedAt: at } }]);
  });

  it('given an integration, when only credentials are given, then only they change', () => {
    spec
      .given(connected)
      .when({ type: 'ChangeSettings', data: { changes: {}, sealedCredentials: 'v1.rotated', at } })
      .then([{ type: 'IntegrationCredentialsChanged', data: { sealed: 'v1.rotated', changedAt: at } }]);
  });

  it('given an invalid setting next to new credentials, when changed, then nothing is decided (neither the credentials)', () => {
    spec
      .given(connected)
      .when({ type: 'ChangeSettings', data: { changes: { currency: 'uah' }, sealedCredentials: 'v1.rotated', at } })
      .thenThrows(InvalidValueError, /currency/);
  });
});

import { integrationDecider } from '../../src/domain/integration/integrationDecider.js';
import type { IntegrationEvent } from '../../src/domain/integration/integrationEvents.js';
import { InvalidStateError, InvalidValueError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';
import { at, connected, settings } from './integration/integrationFixtures.js';

const spec = DeciderSpecification.for(integrationDecider);

describe('Integration', () => {
  it('given nothing, when a store is connected, then its settings and only its sealed credentials are recorded', () => {
    spec
      .given([])
      .when({ type: 'ConnectIntegration', data: { integrationId: 'i1', platform: 'keycrm', settings, sealedCredentials: 'v1.sealed', at } })
      .then(connected);
  });

  it('given a currency that is not an ISO code, when connecting, then the field is named', () => {
    spec
      .given([])
      .when({
        type: 'ConnectIntegration',
        data: { integrationId: 'i1', platform: 'keycrm', settings: { ...settings, currency: 'uah' }, sealedCredentials: 's', at },
      })
      .thenThrows(InvalidValueError, /currency/);
  });

  it('given a status map that maps one platform status twice, when connecting, then that is refused', () => {
    const statusMap = [
      { platform: '1', local: 'new' },
      { platform: '1', local: 'paid' },
    ];
    spec
      .given([])
      .when({ type: 'ConnectIntegration', data: { integrationId: 'i1', platform: 'keycrm', settings: { ...settings, statusMap }, sealedCredentials: 's', at } })
      .thenThrows(InvalidValueError, /statusMap/);
  });

  it('given an integration, when settings change, then only the changed settings are an event', () => {
    spec
      .given(connected)
      .when({ type: 'ChangeSettings', data: { changes: { currency: 'UAH', captureStatuses: ['1', '2'] }, at } })
      .then([{ type: 'IntegrationSettingsChanged', data: { changes: { captureStatuses: ['1', '2'] }, changedAt: at } }]);
  });

  it('given an integration, when settings are sent unchanged, then nothing happens', () => {
    spec.given(connected).when({ type: 'ChangeSettings', data: { changes: { name: 'KeyCRM Kyiv' }, at } }).thenNothing();
  });

  it('given a cursor, when a run tries to move it back, then it stays', () => {
    const advanced: IntegrationEvent = { type: 'ImportCursorAdvanced', data: { updatedUpTo: '2026-11-01T10:00:00.000Z', runId: 'r1' } };
    spec.given([...connected, advanced]).when({ type: 'AdvanceImportCursor', data: { updatedUpTo: '2026-11-01T09:00:00.000Z', runId: 'r2' } }).thenNothing();
    spec
      .given([...connected, advanced])
      .when({ type: 'AdvanceImportCursor', data: { updatedUpTo: '2026-11-01T11:00:00.000Z', runId: 'r2' } })
      .then([{ type: 'ImportCursorAdvanced', data: { updatedUpTo: '2026-11-01T11:00:00.000Z', runId: 'r2' } }]);
  });

  it('given no integration, when its settings change, then that is refused', () => {
    spec.given([]).when({ type: 'ChangeSettings', data: { changes: { name: 'x' }, at } }).thenThrows(InvalidStateError);
  });
});

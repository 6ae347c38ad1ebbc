import { integrationDecider } from '../../../src/domain/integration/integrationDecider.js';
import type { IntegrationEvent } from '../../../src/domain/integration/integrationEvents.js';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { at, connected, settings } from './integrationFixtures.js';

const spec = DeciderSpecification.for(integrationDecider);
const change = (changes: Record<string, unknown>) => ({ type: 'ChangeSettings' as const, data: { changes, at } });
const changed = (changes: Record<string, unknown>): IntegrationEvent => ({ type: 'IntegrationSettingsChanged', data: { changes, changedAt: at } });
const discovered: IntegrationEvent = { type: 'PlatformStatusDiscovered', data: { platformStatus: '9', localStatus: 'Очікує оплати', discoveredAt: at } };

describe('Status references: settings that name local statuses name ones the status map knows', () => {
  it('given a pending-payment status no row of the map names, when set, then it is refused naming the field', () => {
    spec
      .given(connected)
      .when(change({ pendingPayment: { status: 'unpaid', openStatus: 'open', giveUpAfterDays: 7 } }))
      .thenThrows(InvalidValueError, /pendingPayment\.status: no row of the status map names the local status "unpaid"/);
  });

  it('given a pending-payment status the map names, when set, then it is taken', () => {
    const statusMap = [...settings.statusMap, { platform: '2', local: 'unpaid' }];
    const pendingPayment = { status: 'unpaid', openStatus: 'open', giveUpAfterDays: 7 };
    spec.given(connected).when(change({ statusMap, pendingPayment })).then([changed({ statusMap, pendingPayment })]);
  });

  it('given a status synchub created for an unmapped platform status, when named, then it is taken', () => {
    const pendingPayment = { status: 'Очікує оплати', openStatus: 'open', giveUpAfterDays: 7 };
    spec.given([...connected, discovered]).when(change({ pendingPayment })).then([changed({ pendingPayment })]);
  });

  it('given an open status the map does not name (the platform could not be told), when set, then it is refused', () => {
    spec
      .given(connected)
      .when(change({ pendingPayment: { status: 'awaiting payment', openStatus: 'paid', giveUpAfterDays: 7 } }))
      .thenThrows(InvalidValueError, /pendingPayment\.openStatus/);
  });

  it('given a guarded status the map does not name, when set, then it is refused; invoiced statuses are local and any name goes', () => {
    spec
      .given(connected)
      .when(change({ regressionGuard: { invoiced: ['billed'], cannotReturnTo: ['new', 'draft'] } }))
      .thenThrows(InvalidValueError, /regressionGuard\.cannotReturnTo: .*"draft"/);
    const regressionGuard = { invoiced: ['billed'], cannotReturnTo: ['new'] };
    spec.given(connected).when(change({ regressionGuard })).then([changed({ regressionGuard })]);
  });

  it('given the map loses the row a setting relied on, when changed, then that is refused', () => {
    const statusMap = [...settings.statusMap, { platform: '2', local: 'unpaid' }];
    const pendingPayment = { status: 'unpaid', openStatus: 'open', giveUpAfterDays: 7 };
    spec
      .given([...connected, changed({ statusMap, pendingPayment })])
      .when(change({ statusMap: settings.statusMap }))
      .thenThrows(InvalidValueError, /pendingPayment\.status/);
  });

  it('given the defaults (every store has them, mapped or not), when connecting, then they are taken', () => {
    spec
      .given([])
      .when({ type: 'ConnectIntegration', data: { integrationId: 'i1', platform: 'keycrm', settings, sealedCredentials: 'v1.sealed', at } })
      .then(connected);
  });
});

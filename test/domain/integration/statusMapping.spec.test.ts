import { expect } from 'chai';
import { integrationDecider } from '../../../src/domain/integration/integrationDecider.js';
import type { IntegrationEvent } from '../../../src/domain/integration/integrationEvents.js';
import { discoveredStatusName, localStatusFor, platformStatusFor, resolveLocalStatus } from '../../../src/domain/integration/statusMapping.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { at, connected, settings } from './integrationFixtures.js';

const spec = DeciderSpecification.for(integrationDecider);
const twoWay = {
  statusMap: [
    { platform: '1', local: 'new' },
    { platform: '4', local: 'shipped' },
    { platform: '6', local: 'shipped' },
  ],
};

describe('Status mapping, and local statuses created for unmapped platform statuses', () => {
  it('given the status map, then a platform status maps to its local status, and an unmapped one to nothing', () => {
    expect(localStatusFor(settings, '1')).to.equal('new');
    expect(localStatusFor(settings, '9')).to.equal(undefined);
  });

  it('given a local status on two rows, when it is pushed, then the first row names the platform status', () => {
    expect(platformStatusFor(twoWay, 'shipped')).to.equal('4');
    expect(platformStatusFor(twoWay, 'invoiced')).to.equal(undefined);
  });

  it('given a platform status, when resolved, then the map wins over a status created for it, and a status met first is new', () => {
    const discovered = new Map([['1', 'Новий'], ['9', 'Returned']]);
    expect(resolveLocalStatus(twoWay, discovered, '1')).to.deep.equal({ kind: 'mapped', localStatus: 'new' });
    expect(resolveLocalStatus(twoWay, discovered, '9')).to.deep.equal({ kind: 'discovered', localStatus: 'Returned' });
    expect(resolveLocalStatus(twoWay, discovered, '7')).to.deep.equal({ kind: 'new' });
  });

  it('given an unmapped platform status, when its local status is named, then it takes the platform name, trimmed, at most 100 characters', () => {
    expect(discoveredStatusName('5', '  Виконано ')).to.equal('Виконано');
    expect(discoveredStatusName('5', 'x'.repeat(150))).to.equal('x'.repeat(100));
  });

  it('given an unmapped platform status the platform gives no name for, when named, then the name says which platform status it is', () => {
    expect(discoveredStatusName('5', undefined)).to.equal('platform status 5');
    expect(discoveredStatusName('5', '   ')).to.equal('platform status 5');
  });

  it('given an unmapped platform status, when discovered, then a local status is created for it once', () => {
    const discovered: IntegrationEvent = {
      type: 'PlatformStatusDiscovered',
      data: { platformStatus: '7', localStatus: 'Returned', discoveredAt: at },
    };
    spec.given(connected).when({ type: 'DiscoverPlatformStatus', data: { platformStatus: '7', localStatus: 'Returned', at } }).then([discovered]);
    spec.given([...connected, discovered]).when({ type: 'DiscoverPlatformStatus', data: { platformStatus: '7', localStatus: 'Returned', at } }).thenNothing();
  });

  it('given a mapped platform status, when discovered, then nothing happens', () => {
    spec.given(connected).when({ type: 'DiscoverPlatformStatus', data: { platformStatus: '1', localStatus: 'New', at } }).thenNothing();
  });
});

import { expect } from 'chai';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { PLATFORM_NAMES } from '../../src/infrastructure/platforms/platformRegistry.js';
import { SIMULATORS } from '../../simulators/simulatorRegistry.js';
import { integrationBody } from '../../simulators/shared/simulatorEntry.js';
import { startSynchubApi } from '../support/synchubApi.js';

describe('Simulator registry', () => {
  it('given the platform registry, then every platform has one simulator of the same name, in the same order', () => {
    expect(SIMULATORS.map((entry) => entry.name)).to.deep.equal(PLATFORM_NAMES);
  });

  it('given each simulator started with its default credentials, then the integration it prints passes its platform\'s credential schema', async () => {
    const platforms = new PlatformAdapters();
    for (const entry of SIMULATORS) {
      const running = await entry.start({
        port: 0,
        host: '127.0.0.1',
        count: 1,
        rpm: 0,
        currency: 'UAH',
        startAt: new Date(Date.now() - 3 * 3_600_000),
        credentials: { ...entry.credentialFlags },
      });
      try {
        expect(running.baseUrl, entry.name).to.match(/^http:\/\/127\.0\.0\.1:\d+/);
        expect(platforms.validCredentials(entry.name, running.credentials), entry.name).to.deep.equal(running.credentials);
      } finally {
        await running.close();
      }
    }
  });

  it('given each simulator running, when the integration it prints is posted as is, then synchub connects it (201)', async function () {
    this.timeout(30_000);
    const api = await startSynchubApi();
    try {
      for (const entry of SIMULATORS) {
        const running = await entry.start({
          port: 0, host: '127.0.0.1', count: 1, rpm: 0, currency: 'UAH', startAt: new Date(Date.now() - 3 * 3_600_000), credentials: { ...entry.credentialFlags },
        });
        try {
          const printed = JSON.parse(JSON.stringify(integrationBody(entry.name, running, 'UAH')));
          const created = await api.call('POST', '/v1/integrations', printed);
          expect(created.status, `${entry.name}: ${JSON.stringify(created.body)}`).to.equal(201);
        } finally {
          await running.close();
        }
      }
    } finally {
      await api.close();
    }
  });
});

import { expect } from 'chai';
import { PlatformAdapters } from '../../src/infrastructure/platforms/platformClients.js';
import { PLATFORM_NAMES } from '../../src/infrastructure/platforms/platformRegistry.js';
import { SIMULATORS } from '../../simulators/simulatorRegistry.js';

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
});

import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/infrastructure/config/config.js';

describe('configuration from the environment', () => {
  it('given no variables, then synchub runs embedded on port 3000 with data in ./data', () => {
    const config = loadConfig({});
    expect(config).to.include({ port: 3000, profile: 'embedded', dataDir: './data', adminToken: undefined });
    expect(config.eventStoreUrl).to.contain('127.0.0.1');
    expect(config.mongoUrl).to.contain('127.0.0.1');
    expect(config.databaseUrl).to.contain('127.0.0.1');
  });

  it('given valid variables, then they are used', () => {
    const config = loadConfig({
      PORT: '8080',
      SYNCHUB_PROFILE: 'postgres',
      DATABASE_URL: 'postgresql://u@db:5432/hub',
      SYNCHUB_ADMIN_TOKEN: 'a-long-enough-admin-token',
    });
    expect(config).to.include({ port: 8080, profile: 'postgres', databaseUrl: 'postgresql://u@db:5432/hub' });
    expect(config.adminToken).to.equal('a-long-enough-admin-token');
  });

  it('given SYNCHUB_SECRET_KEY as 64 hex or 44 base64 characters, then it is accepted, and absent it is undefined', () => {
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ SYNCHUB_SECRET_KEY: hex }).secretKey).to.equal(hex);
    expect(loadConfig({ SYNCHUB_SECRET_KEY: base64 }).secretKey).to.equal(base64);
    expect(loadConfig({}).secretKey).to.equal(undefined);
  });

  const wrong: [string, Record<string, string>, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, /PORT must be a port number/],
    ['PORT', { PORT: '70000' }, /PORT must be a port number/],
    ['SYNCHUB_PROFILE', { SYNCHUB_PROFILE: 'mysql' }, /SYNCHUB_PROFILE must be one of embedded, postgres, eventstoredb/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\//],
    ['EVENTSTORE_URL', { EVENTSTORE_URL: 'not a url' }, /EVENTSTORE_URL must be a URL/],
    ['MONGO_URL', { MONGO_URL: 'http://127.0.0.1' }, /MONGO_URL must start with mongodb:\/\//],
    ['SYNCHUB_ADMIN_TOKEN', { SYNCHUB_ADMIN_TOKEN: 'short' }, /SYNCHUB_ADMIN_TOKEN must be at least 16/],
    ['SYNCHUB_SECRET_KEY', { SYNCHUB_SECRET_KEY: 'abc123' }, /SYNCHUB_SECRET_KEY must be 32 bytes as 64 hex characters or 44 base64/],
  ];
  for (const [variable, env, message] of wrong) {
    it(`given a wrong ${variable} (${Object.values(env)[0]}), then start-up fails naming it`, () => {
      const error = (() => {
        try {
          loadConfig(env);
        } catch (e) {
          return e;
        }
      })();
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).variable).to.equal(variable);
      expect((error as Error).message).to.match(message);
    });
  }
});

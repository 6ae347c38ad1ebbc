import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freshDatabase, startSynchubProcess, type SynchubProcess } from '../support/synchubProcess.js';

describe('reliability: a sync run whose process was killed', function () {
  this.timeout(90_000);
  const database = freshDatabase('synchub_stale');
  let platform: Server;
  let platformBase: string;
  let first: SynchubProcess | undefined;
  let second: SynchubProcess | undefined;

  before(async () => {
    await database.create();
    // A platform that takes the request and never answers: the run stays "running" until its process dies.
    platform = createServer(() => undefined);
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    platformBase = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    await first?.kill();
    await second?.stop();
    platform.closeAllConnections();
    await new Promise((resolve) => platform.close(resolve));
    await database.drop();
  });

  it('given a sync run started through the API, when its process is SIGKILLed and a process starts again, then the run is recorded as failed because the process running it stopped', async () => {
    first = await startSynchubProcess(database.url);
    const created = await first.call('POST', '/v1/integrations', { name: 'Stale', platform: 'keycrm', storeName: 'Shop', baseUrl: platformBase, currency: 'UAH', credentials: { apiKey: 'stale-run-key' } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const started = await first.call('POST', `/v1/integrations/${created.body.id}/sync`);
    expect(started.status).to.equal(202);
    expect((await first.call('GET', `/v1/sync-runs/${started.body.runId}`)).body.status).to.equal('running');
    await first.kill();

    second = await startSynchubProcess(database.url);
    const run = await second.call('GET', `/v1/sync-runs/${started.body.runId}`);
    expect(run.body).to.include({ status: 'failed' });
    expect(run.body.error).to.equal('interrupted: the process running it stopped; its window is read again');
    const integration = await second.call('GET', `/v1/integrations/${created.body.id}`);
    expect(integration.body.lastExchange).to.include({ outcome: 'failed', runId: started.body.runId });
  });
});

import { expect } from 'chai';
import { ADMIN_TOKEN, startSynchubApi } from '../support/synchubApi.js';

describe('the service stopping while a request is still being worked on (postgres)', function () {
  this.timeout(60_000);

  it('given a list request whose client left while it waited for the database, when the service stops, then the request finishes on open stores and nothing fails', async () => {
    const api = await startSynchubApi();
    const readModels = api.readModels;
    const realFindPage = readModels.findPage.bind(readModels);
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let found: unknown;
    // The real read, held until the client has gone and the service has begun to stop.
    readModels.findPage = (async (...args: Parameters<typeof realFindPage>) => {
      entered();
      await gate;
      found = await realFindPage(...args);
      return found;
    }) as typeof readModels.findPage;

    const client = new AbortController();
    const call = fetch(`${api.base}/v1/orders?store=integrations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: client.signal }).catch((error: Error) => error);
    await inside;
    client.abort();
    expect(await call).to.be.instanceOf(Error);
    const stopping = api.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await stopping;

    expect(found, 'the held read ran to its end').to.have.property('items');
    expect(api.logLines.filter((line) => line.includes('request failed'))).to.deep.equal([]);
    // Counted out by its answer, not by the drain's deadline.
    expect(api.logLines.filter((line) => line.includes('requests still running'))).to.deep.equal([]);
    expect(api.logLines.some((line) => line.includes('synchub stopped'))).to.equal(true);
  });
});

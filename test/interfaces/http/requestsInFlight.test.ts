import { once } from 'node:events';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { RequestsInFlight } from '../../../src/interfaces/http/requestsInFlight.js';

/** A server whose one route hands each response to the test, which decides when and how it is answered. */
async function serverHolding(requests: RequestsInFlight): Promise<{ server: Server; port: number; arrived: () => Promise<ServerResponse> }> {
  const waiting: ((res: ServerResponse) => void)[] = [];
  const server = createServer(
    requests.around((_req, res) => waiting.shift()?.(res)),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    arrived: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/** Sends a GET and drops the connection as soon as the server has the request. */
async function sendAndLeave(port: number, arrived: Promise<ServerResponse>): Promise<ServerResponse> {
  const client = request({ host: '127.0.0.1', port, path: '/' });
  client.on('error', () => undefined);
  client.end();
  const res = await arrived;
  client.destroy();
  await once(res, 'close');
  return res;
}

const settledWithin = async <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value })), new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);

describe('requests in flight, which shutdown waits for before it closes the stores', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    server?.close();
  });

  it('given no request, when drained, then it answers 0 at once', async () => {
    expect(await new RequestsInFlight().drained(10_000)).to.equal(0);
  });

  it('given a handler still working when its client leaves, when drained, then it waits until the handler answers', async () => {
    const requests = new RequestsInFlight();
    const holding = await serverHolding(requests);
    server = holding.server;
    const res = await sendAndLeave(holding.port, holding.arrived());

    const drained = requests.drained(10_000);
    const early = await settledWithin(drained, 200);
    res.end('late answer');
    const late = await settledWithin(drained, 1_000);

    expect(early, 'drained before the handler answered').to.equal(undefined);
    expect(late).to.deep.equal({ value: 0 });
  });

  it('given an answer already begun when its client leaves, when drained, then it does not wait for the rest', async () => {
    const requests = new RequestsInFlight();
    const holding = await serverHolding(requests);
    server = holding.server;
    const arrived = holding.arrived();
    const client = request({ host: '127.0.0.1', port: holding.port, path: '/' });
    client.end();
    const res = await arrived;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('the first part');
    const [response] = await once(client, 'response');
    response.destroy();
    await once(res, 'close');

    expect(await settledWithin(requests.drained(10_000), 1_000)).to.deep.equal({ value: 0 });
  });

  it('given a handler that never answers, when drained within 50 ms, then it says one request is still running', async () => {
    const requests = new RequestsInFlight();
    const holding = await serverHolding(requests);
    server = holding.server;
    await sendAndLeave(holding.port, holding.arrived());

    expect(await requests.drained(50)).to.equal(1);
  });

  it('given answered requests, when drained, then none is counted any more', async () => {
    const requests = new RequestsInFlight();
    const holding = await serverHolding(requests);
    server = holding.server;
    for (let i = 0; i < 3; i++) {
      const arrived = holding.arrived();
      const answered = fetch(`http://127.0.0.1:${holding.port}/`);
      (await arrived).end('ok');
      expect(await (await answered).text()).to.equal('ok');
    }

    expect(await requests.drained(10_000)).to.equal(0);
  });
});

import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { loadConfig, ConfigError } from '../../src/infrastructure/config/config.js';
import { CONNECTION_LIMITS } from '../../src/interfaces/synchubService.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

/** A raw client: what it wrote, and everything the server answered until it closed the connection (or `waitMs` passed). */
async function rawRequest(base: string, head: string, waitMs: number): Promise<{ answer: string; closedAfterMs: number | undefined }> {
  const { hostname, port } = new URL(base);
  const socket: Socket = connect(Number(port), hostname);
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  socket.on('error', () => undefined);
  socket.write(head);
  const closedAfterMs = await Promise.race([closed, new Promise<undefined>((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return { answer, closedAfterMs };
}

describe('security: connections (authentication before the body, timeouts, listening address, metrics token)', function () {
  this.timeout(30_000);
  let api: SynchubApi;
  before(async () => {
    api = await startSynchubApi({
      env: { SYNCHUB_METRICS_TOKEN: METRICS_TOKEN },
      limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 500, checkEveryMs: 200 },
    });
  });
  after(() => api.close());

  it('given no token and a body announced as 1 MB of which one byte comes, then 401 is answered at once, without waiting for the body', async () => {
    const { answer } = await rawRequest(api.base, 'POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{', 700);
    expect(answer).to.match(/^HTTP\/1\.1 401 /);
  });

  it('given a token and a body that never completes, then the connection is closed once the request time is up, not after Node\'s 300 s', async () => {
    const head = `POST /v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{`;
    const { answer, closedAfterMs } = await rawRequest(api.base, head, 5_000);
    expect(closedAfterMs, 'the connection was still open after 5 s').to.be.a('number');
    expect(closedAfterMs!).to.be.below(4_000);
    expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer), answer).to.equal(true);
  });

  it('given headers that never end, then the connection is closed once the headers time is up', async () => {
    const { closedAfterMs } = await rawRequest(api.base, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1', 5_000);
    expect(closedAfterMs, 'the connection was still open after 5 s').to.be.a('number');
  });

  it('given the production limits, then each is set well below Node\'s defaults', () => {
    expect(CONNECTION_LIMITS.headersTimeoutMs).to.be.at.most(15_000);
    expect(CONNECTION_LIMITS.requestTimeoutMs).to.be.at.most(60_000).and.at.least(CONNECTION_LIMITS.headersTimeoutMs);
    expect(CONNECTION_LIMITS.keepAliveTimeoutMs).to.be.within(1_000, 10_000);
  });

  it('given SYNCHUB_METRICS_TOKEN, when /metrics is read without it or with another, then 401; with it, then the metrics', async () => {
    expect((await fetch(`${api.base}/metrics`)).status).to.equal(401);
    expect((await fetch(`${api.base}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).to.equal(401);
    const scraped = await fetch(`${api.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).to.equal(200);
    expect(await scraped.text()).to.contain('# HELP');
  });

  it('given no HOST, then the API listens on 127.0.0.1 only; HOST=0.0.0.0 opens it; a HOST that is no address stops start-up naming it', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
    expect(() => loadConfig({ HOST: 'not a host!' })).to.throw(ConfigError, /HOST/);
    expect(() => loadConfig({ SYNCHUB_METRICS_TOKEN: 'short' })).to.throw(ConfigError, /SYNCHUB_METRICS_TOKEN/);
    expect(loadConfig({ SYNCHUB_ALLOWED_PRIVATE_HOSTS: '127.0.0.1, 10.0.0.0/8 ,erp.lan' }).allowedPrivateHosts).to.deep.equal(['127.0.0.1', '10.0.0.0/8', 'erp.lan']);
    expect(() => loadConfig({ SYNCHUB_ALLOWED_PRIVATE_HOSTS: '10.0.0.0/99' })).to.throw(ConfigError, /SYNCHUB_ALLOWED_PRIVATE_HOSTS/);
  });
});

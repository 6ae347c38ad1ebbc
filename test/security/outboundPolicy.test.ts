import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { OutboundPolicy, OutboundRefusedError, useOutboundPolicy } from '../../src/infrastructure/platforms/http/outboundPolicy.js';
import { policedLookup } from '../../src/infrastructure/platforms/http/policedFetch.js';
import { allowLocalPlatforms } from '../support/localPlatforms.js';
import { startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

/** An HTTP listener that records every request it gets: the proof that nothing was sent to it. */
interface Listener {
  base: string;
  port: number;
  requests: { method: string; url: string; authorization?: string }[];
  close(): Promise<void>;
}

async function listen(host: string, answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}')): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://${host}:${port}`, port, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const API_KEY = 'outbound-test-api-key-5f1e2d';
const keycrm = (baseUrl: string) => ({ name: 'Outbound', platform: 'keycrm', storeName: 'Outbound shop', baseUrl, credentials: { apiKey: API_KEY }, currency: 'UAH' });

describe('security: outbound policy (no SSRF, credentials bound to their origin, no foreign bodies in errors)', function () {
  this.timeout(60_000);

  describe('the policy itself', () => {
    const policy = new OutboundPolicy(['127.0.0.1', '10.20.0.0/16', 'erp.lan'], new Set([3999]));
    const refusal = (check: () => void) => {
      try {
        check();
        return undefined;
      } catch (error) {
        expect(error).to.be.instanceOf(OutboundRefusedError);
        return (error as Error).message;
      }
    };

    for (const [url, reason] of [
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://[fe80::1]/', /link-local/],
      ['http://[::ffff:169.254.169.254]/', /link-local/],
      ['http://0.0.0.0:5432/', /unspecified/],
      ['http://224.0.0.1/', /multicast/],
      ['http://127.0.0.2:5432/', /loopback or private/],
      ['http://0x7f000002/', /loopback or private/],
      ['http://[::1]:3000/', /loopback or private/],
      ['http://10.0.0.5/', /loopback or private/],
      ['http://172.16.1.1/', /loopback or private/],
      ['http://192.168.1.1/', /loopback or private/],
      ['http://[fd00::1]/', /loopback or private/],
      ['http://127.0.0.1:3999/', /synchub itself/],
      ['http://user:pw@shop.example.com/', /user name or password/],
      ['ftp://shop.example.com/', /only http and https/],
    ] as const) {
      it(`given ${url}, when checked, then it is refused (${reason.source})`, () => {
        expect(refusal(() => policy.checkUrl(new URL(url)))).to.match(reason);
      });
    }

    it('given the operator allows 127.0.0.1, 10.20.0.0/16 and erp.lan, then exactly those private hosts are reachable, and public ones always', () => {
      expect(refusal(() => policy.checkUrl(new URL('http://127.0.0.1:4010/v1')))).to.equal(undefined);
      expect(refusal(() => policy.checkAddress('10.20.3.4', '10.20.3.4', 80))).to.equal(undefined);
      expect(refusal(() => policy.checkAddress('10.21.0.1', '10.21.0.1', 80))).to.match(/private/);
      expect(refusal(() => policy.checkAddress('erp.lan', '192.168.7.7', 443))).to.equal(undefined);
      expect(refusal(() => policy.checkAddress('shop.example.com', '93.184.216.34', 443))).to.equal(undefined);
      // Allowing a name never allows the metadata service behind it.
      expect(refusal(() => policy.checkAddress('erp.lan', '169.254.169.254', 80))).to.match(/link-local/);
    });
  });

  describe('the address actually connected to (a name is resolved once and that address pinned)', () => {
    let privateListener: Listener;
    let allowedListener: Listener;
    before(async () => {
      allowLocalPlatforms();
      privateListener = await listen('127.0.0.2');
      allowedListener = await listen('127.0.0.1');
    });
    after(async () => {
      await privateListener.close();
      await allowedListener.close();
    });

    /** A resolver that answers what a rebinding attacker's DNS would. */
    const resolvingTo = (address: string) =>
      ((_host: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
        callback(null, [{ address, family: 4 }])) as never;

    it('given a public-looking name that resolves to an unlisted private address, when fetched, then the connection is refused and the listener there gets nothing', async () => {
      const agent = new Agent({ connect: { lookup: policedLookup(privateListener.port, resolvingTo('127.0.0.2')) as never } });
      const failure = await undiciFetch(`http://rebind.example.com:${privateListener.port}/`, { dispatcher: agent }).catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(Error);
      expect(String((failure as { cause?: unknown }).cause)).to.match(/127\.0\.0\.2, a loopback or private address/);
      expect(privateListener.requests).to.deep.equal([]);
      await agent.close();
    });

    it('given a name that resolves to an allowed address, then the request goes to that address', async () => {
      const agent = new Agent({ connect: { lookup: policedLookup(allowedListener.port, resolvingTo('127.0.0.1')) as never } });
      const answer = await undiciFetch(`http://shop.example.com:${allowedListener.port}/ok`, { dispatcher: agent });
      expect(answer.status).to.equal(200);
      expect(allowedListener.requests.map((r) => r.url)).to.deep.equal(['/ok']);
      await agent.close();
    });
  });

  describe('sync runs through the API (SYNCHUB_ALLOWED_PRIVATE_HOSTS=127.0.0.1)', () => {
    let api: SynchubApi;
    const listeners: Listener[] = [];
    before(async () => {
      api = await startSynchubApi();
    });
    after(async () => {
      await Promise.all(listeners.map((listener) => listener.close()));
      await api.close();
      useOutboundPolicy(new OutboundPolicy());
    });

    async function connect(baseUrl: string): Promise<string> {
      const created = await api.call('POST', '/v1/integrations', keycrm(baseUrl));
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      return created.body.id;
    }

    it('given a baseUrl at the cloud metadata address, when synced, then the run fails saying why and nothing is sent', async () => {
      const run = await api.sync(await connect('http://169.254.169.254/v1'));
      expect(run.status).to.equal('failed');
      expect(run.error).to.match(/was not sent: 169\.254\.169\.254 is 169\.254\.169\.254, a link-local, unspecified or multicast address/);
    });

    it('given a baseUrl on an unlisted private address, when synced, then the run fails saying why and the listener there gets no request', async () => {
      const hidden = await listen('127.0.0.2');
      listeners.push(hidden);
      const run = await api.sync(await connect(`${hidden.base}/v1`));
      expect(run.status).to.equal('failed');
      expect(run.error).to.match(/was not sent: 127\.0\.0\.2 is 127\.0\.0\.2, a loopback or private address; an operator may allow it with SYNCHUB_ALLOWED_PRIVATE_HOSTS/);
      expect(hidden.requests).to.deep.equal([]);
    });

    it("given a baseUrl at synchub's own port (127.0.0.1 is allowed), when synced, then it is refused as synchub itself", async () => {
      const run = await api.sync(await connect(`${api.base}/v1`));
      expect(run.status).to.equal('failed');
      expect(run.error).to.match(/synchub itself/);
    });

    it('given an allowed platform that redirects to an unlisted private address, when synced, then the redirect is not followed: the run fails naming only its origin, and the listener there gets nothing', async () => {
      const hidden = await listen('127.0.0.2');
      const redirecting = await listen('127.0.0.1', (_req, res) => res.writeHead(302, { location: `${hidden.base}/steal?key=x` }).end());
      listeners.push(hidden, redirecting);
      const run = await api.sync(await connect(`${redirecting.base}/v1`));
      expect(run.status).to.equal('failed');
      expect(run.error).to.match(new RegExp(`answered 302 redirecting to ${hidden.base.replace(/\./g, '\\.')}; synchub follows no redirects`));
      expect(run.error).not.to.contain('steal');
      expect(redirecting.requests.length).to.equal(1);
      expect(hidden.requests).to.deep.equal([]);
    });

    it("given an answer that is not the platform's, when a sync fails on it, then its body is in no run error, integration, event or log line", async () => {
      const internal = await listen('127.0.0.1', (_req, res) => res.writeHead(400, { 'content-type': 'text/plain' }).end('INTERNAL-SERVICE-BODY secret=hunter2'));
      listeners.push(internal);
      const id = await connect(`${internal.base}/v1`);
      const run = await api.sync(id);
      expect(run.status).to.equal('failed');
      expect(run.error).to.match(/KeyCRM refused GET \/\S+ \(400 Bad Request\): the answer is not in KeyCRM's error format$/);
      const integration = await api.call('GET', `/v1/integrations/${id}`);
      const history = await api.call('GET', `/v1/sync-runs/${run.id}/history`);
      for (const seen of [JSON.stringify(run), JSON.stringify(integration.body), JSON.stringify(history.body), ...api.logLines]) {
        expect(seen).not.to.contain('INTERNAL-SERVICE-BODY').and.not.to.contain('hunter2');
      }
    });

    it("given a platform error in its own format, then the run error says status and reason only; the platform's words reach operators' logs, not the run a viewer reads", async () => {
      const platform = await listen('127.0.0.1', (_req, res) => res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'The given data was invalid', errors: { limit: ['too big'] } })));
      listeners.push(platform);
      const run = await api.sync(await connect(`${platform.base}/v1`));
      expect(run.error).to.match(/\(422 Unprocessable Entity\)$/);
      expect(JSON.stringify(run)).not.to.contain('The given data was invalid');
      expect(api.logLines.some((line) => line.includes('"platformSaid":"The given data was invalid limit: too big"'))).to.equal(true);
    });

    it('given stored credentials, when PATCH moves baseUrl to a listener without credentials, then 400 names credentials, nothing changes, and a sync sends the key nowhere new', async () => {
      const original = await listen('127.0.0.1', (_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthenticated."}'));
      const attacker = await listen('127.0.0.1');
      listeners.push(original, attacker);
      const id = await connect(`${original.base}/v1`);
      const before = await api.eventStore.readStream(`integration-${id}`);
      const moved = await api.call('PATCH', `/v1/integrations/${id}`, { baseUrl: `${attacker.base}/v1`, name: 'Moved' });
      expect(moved.status).to.equal(400);
      expect(moved.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['credentials']);
      expect(await api.eventStore.readStream(`integration-${id}`)).to.deep.equal(before);
      await api.sync(id);
      expect(attacker.requests).to.deep.equal([]);
      expect(original.requests.length).to.be.greaterThan(0);
    });

    it('given new credentials with the move, then the change is accepted and the event says the credentials were replaced, without their value', async () => {
      const elsewhere = await listen('127.0.0.1');
      listeners.push(elsewhere);
      const id = await connect('https://openapi.keycrm.app/v1');
      const moved = await api.call('PATCH', `/v1/integrations/${id}`, { baseUrl: `${elsewhere.base}/v1`, credentials: { apiKey: 'a-new-key-for-the-new-origin' } });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      const events = await api.eventStore.readStream(`integration-${id}`);
      const changed = events.find((e) => e.type === 'IntegrationSettingsChanged')!;
      expect(changed.data).to.deep.include({ credentialsReplaced: true });
      expect(JSON.stringify(events)).not.to.contain('a-new-key-for-the-new-origin');
    });

    it('given a half-valid change (a good name and baseUrl, credentials of the wrong shape), then 400 and the history of the integration is unchanged', async () => {
      const id = await connect('https://openapi.keycrm.app/v1');
      const before = await api.eventStore.readStream(`integration-${id}`);
      const answer = await api.call('PATCH', `/v1/integrations/${id}`, { name: 'X', baseUrl: 'https://other.example.com/v1', credentials: { wrong: 'x' } });
      expect(answer.status).to.equal(400);
      expect(answer.body.errors[0].field).to.match(/^credentials\./);
      expect(await api.eventStore.readStream(`integration-${id}`)).to.deep.equal(before);
      expect((await api.call('GET', `/v1/integrations/${id}`)).body.name).to.equal('Outbound');
    });
  });
});

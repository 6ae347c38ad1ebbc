// fetch for platform requests: every connection is made to an address the outbound policy allowed, resolved once and
// pinned for that connection (a name that resolves to a public address for the check and a private one for the connect
// cannot slip through), and redirects are never followed. A shop's private certificate authority is trusted for its
// connections only, never by switching verification off for the process.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { outboundPolicy } from './outboundPolicy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** net.connect's `lookup`: resolves with the system resolver, then lets through only what the policy allows. */
export function policedLookup(port: number, resolve: typeof dnsLookup = dnsLookup) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    resolve(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        // Every address the name has must be allowed: a resolver answering one good and one bad address is not trusted.
        for (const { address } of addresses) outboundPolicy().checkAddress(hostname, address, port);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * One agent per port the connections go to, so the lookup knows the port it checks (synchub's own is refused), and per
 * certificate authority trusted besides the system's.
 */
const agents = new Map<string, Agent>();

function agentFor(port: number, ca: string | undefined): Agent {
  const key = `${port}\n${ca ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { lookup: policedLookup(port) as never, ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }) } });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * fetch as PlatformHttp uses it: the URL checked first, the connection policed, a redirect answered as it is; `ca` (PEM)
 * is trusted besides the system's authorities for these requests only.
 */
export function policedFetch(ca?: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    outboundPolicy().checkUrl(url);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const response = await undiciFetch(url, { ...(init as object), redirect: 'manual', dispatcher: agentFor(port, ca) } as never);
    return response as unknown as Response;
  };
}

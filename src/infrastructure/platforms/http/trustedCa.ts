// HTTPS to a host whose certificate a private authority signed (a test's, a shop's own): trusted for one client only,
// never by switching verification off for the process.
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

const agents = new Map<string, Agent>();

/** A fetch that trusts `ca` (PEM) besides the system's authorities; one connection pool per authority. */
export function fetchTrusting(ca: string): typeof fetch {
  let agent = agents.get(ca);
  if (!agent) {
    agent = new Agent({ connect: { ca: [...rootCertificates, ca] } });
    agents.set(ca, agent);
  }
  const dispatcher = agent;
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}

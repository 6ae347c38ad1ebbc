// Which addresses a platform request may reach: an admin's baseUrl must not turn synchub into a proxy onto the cloud's
// metadata service, the database, synchub itself or the private network (SSRF).
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Refused whatever the operator allows: link-local (every cloud metadata address), unspecified, multicast, broadcast. */
const NEVER = blockList([
  ['169.254.0.0', 16, 'ipv4'],
  ['0.0.0.0', 8, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  ['::', 128, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

/** Loopback and private ranges: refused unless SYNCHUB_ALLOWED_PRIVATE_HOSTS lists them. */
const PRIVATE = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
]);

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

/** Why a request was not sent; permanent: the same baseUrl is refused again until an admin changes it or the setting. */
export class OutboundRefusedError extends Error {
  readonly code = 'SYNCHUB_OUTBOUND_REFUSED';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OutboundRefusedError';
  }
}

/** One entry of SYNCHUB_ALLOWED_PRIVATE_HOSTS: a CIDR (10.1.0.0/16), an address (127.0.0.1) or a host name (erp.lan). */
export type AllowedPrivateHost = string;

export class OutboundPolicy {
  private readonly allowedRanges = new BlockList();
  private readonly allowedNames = new Set<string>();

  /**
   * @param allowed private hosts the operator lets synchub reach (validated by the configuration)
   * @param ownPorts the ports this process listens on: never reachable, also not on an allowed host
   */
  constructor(
    allowed: readonly AllowedPrivateHost[] = [],
    private readonly ownPorts: ReadonlySet<number> = LISTENING_PORTS,
  ) {
    for (const entry of allowed) {
      const range = parseRange(entry);
      if (range) this.allowedRanges.addSubnet(range.address, range.prefix, range.family);
      else this.allowedNames.add(entry.toLowerCase());
    }
  }

  /** Before anything is sent: the scheme, no credentials in the URL, and the host when it is an address already. */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefusedError(`only http and https are allowed, not ${url.protocol.slice(0, -1)}`);
    if (url.username || url.password) throw new OutboundRefusedError('a user name or password in the URL is not sent; give credentials as credentials');
    const host = bareHost(url.hostname);
    if (isIP(host)) this.checkAddress(url.hostname, host, portOf(url));
  }

  /** The address a connection is about to be made to (after resolution): refused with the reason, or allowed. */
  checkAddress(hostname: string, address: string, port: number): void {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    const name = bareHost(hostname).toLowerCase();
    if (NEVER.check(address, family)) throw new OutboundRefusedError(`${name} is ${address}, a link-local, unspecified or multicast address, which synchub never connects to`);
    if (this.ownPorts.has(port) && isLocal(address)) throw new OutboundRefusedError(`${name}:${port} is synchub itself`);
    if (PRIVATE.check(address, family) && !this.allowedRanges.check(address, family) && !this.allowedNames.has(name)) {
      throw new OutboundRefusedError(`${name} is ${address}, a loopback or private address; an operator may allow it with SYNCHUB_ALLOWED_PRIVATE_HOSTS`);
    }
  }
}

/** The ports this process's API listens on (a service adds its port when it listens, removes it when it stops). */
const LISTENING_PORTS = new Set<number>();
export const ownPorts = {
  add: (port: number) => void LISTENING_PORTS.add(port),
  delete: (port: number) => void LISTENING_PORTS.delete(port),
};

let active: OutboundPolicy | undefined;

/** The process's policy: set once by the composition from the configuration; until then nothing private is reachable. */
export function outboundPolicy(): OutboundPolicy {
  return (active ??= new OutboundPolicy());
}

export function useOutboundPolicy(policy: OutboundPolicy): void {
  active = policy;
}

/** A CIDR or a bare address as a range; undefined for a host name. */
export function parseRange(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
}

/** [::1] → ::1 */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** Loopback, unspecified, or one of this machine's own addresses. */
function isLocal(address: string): boolean {
  if (LOOPBACK.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) return true;
  return Object.values(networkInterfaces()).some((entries) => entries?.some((entry) => entry.address === address));
}

// Tests reach their simulators on 127.0.0.1, which the outbound policy refuses unless allowed, as the README's example
// allows it with SYNCHUB_ALLOWED_PRIVATE_HOSTS=127.0.0.1. Called in a before hook: a composition in an earlier test file
// sets the process's policy from its own configuration.
import { OutboundPolicy, useOutboundPolicy } from '../../src/infrastructure/platforms/http/outboundPolicy.js';

export const LOCAL_PLATFORM_HOSTS = '127.0.0.1';

export function allowLocalPlatforms(): void {
  useOutboundPolicy(new OutboundPolicy([LOCAL_PLATFORM_HOSTS]));
}

import { InvalidValueError } from '../../domain/shared/errors.js';
import {
  impossibleRequest,
  type PlatformCapability,
  type PlatformClient,
  type PlatformClients,
  type PlatformConnection,
} from '../../application/ports/platformClient.js';
import { validCredentials } from './credentialSchema.js';
import type { ClientFactory, PlatformDescriptor } from './platformDescriptor.js';
import { PLATFORM_REGISTRY } from './platformRegistry.js';

const NO_CAPABILITIES: ReadonlySet<PlatformCapability> = new Set();

/** The application's door to the platforms: one anti-corruption adapter per registered platform. */
export class PlatformAdapters implements PlatformClients {
  /**
   * @param factories replace the registry's client factory for the platforms they name (tests and benchmarks tune one)
   * @param descriptors the platforms there are; the registry unless a test brings its own
   */
  constructor(
    private readonly factories: Readonly<Record<string, ClientFactory>> = {},
    private readonly descriptors: readonly PlatformDescriptor[] = PLATFORM_REGISTRY,
  ) {}

  clientFor(connection: PlatformConnection): PlatformClient {
    const factory = Object.hasOwn(this.factories, connection.platform) ? this.factories[connection.platform] : this.descriptor(connection.platform)?.clientFor;
    // A platform without an adapter says so instead of pretending.
    if (!factory) {
      throw impossibleRequest(connection.platform, `synchub has no ${connection.platform} adapter yet; orders cannot be imported from it`);
    }
    return factory(connection);
  }

  platformNames(): readonly string[] {
    return this.descriptors.map((descriptor) => descriptor.name);
  }

  validCredentials(platform: string, credentials: Record<string, unknown>): Record<string, string> {
    const descriptor = this.descriptor(platform);
    if (!descriptor) throw new InvalidValueError('platform', `must be one of ${this.platformNames().join(', ')}`);
    return validCredentials(platform, descriptor.credentials, credentials);
  }

  capabilitiesOf(platform: string): ReadonlySet<PlatformCapability> {
    return this.descriptor(platform)?.capabilities ?? NO_CAPABILITIES;
  }

  validOptions(platform: string, options: Record<string, unknown>): Record<string, string | boolean> {
    const declared = this.descriptor(platform)?.options ?? {};
    const known = Object.keys(declared);
    for (const [name, value] of Object.entries(options)) {
      const check = Object.hasOwn(declared, name) ? declared[name] : undefined;
      if (!check) throw new InvalidValueError(`platformOptions.${name}`, `is not a ${platform} option (${known.length ? `expected ${known.join(', ')}` : `${platform} has none`})`);
      const problem = check(value);
      if (problem) throw new InvalidValueError(`platformOptions.${name}`, problem);
    }
    return options as Record<string, string | boolean>;
  }

  private descriptor(platform: string): PlatformDescriptor | undefined {
    return this.descriptors.find((descriptor) => descriptor.name === platform);
  }
}

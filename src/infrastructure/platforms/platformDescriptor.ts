// Everything synchub knows about one platform, in one value its folder exports: adding a platform is one folder and
// one line in the registry.
import {
  PLATFORM_CAPABILITIES,
  type PlatformCapability,
  type PlatformClient,
  type PlatformConnection,
} from '../../application/ports/platformClient.js';
import type { CredentialSchema } from './credentialSchema.js';

/** Where the platform's API lives for a connection's base URL (each adapter may add its own addresses). */
export interface PlatformEndpoints {
  apiBaseUrl: string;
}

export type ClientFactory = (connection: PlatformConnection) => PlatformClient;

/** The settings a platform takes beside its credentials (`platformOptions`), each with the check that says why a value will not do. */
export type PlatformOptions = Readonly<Record<string, (value: unknown) => string | undefined>>;

export interface PlatformDescriptor {
  /** The name integrations are connected with, e.g. in `POST /v1/integrations`. */
  readonly name: string;
  /** The name people read. */
  readonly title: string;
  readonly credentials: CredentialSchema;
  /** The base-URL rule: what the API address is for the base URL an admin gave. */
  endpoints(baseUrl: string): PlatformEndpoints;
  /** The adapter for one connected store; its credentials were validated against `credentials` when they were given. */
  clientFor: ClientFactory;
  /** The optional client methods its client class implements. */
  readonly capabilities: ReadonlySet<PlatformCapability>;
  /** How its webhooks are signed, for the API's documentation; present exactly when its client reads webhooks. */
  readonly webhookSignature?: string;
  /** What an integration may set in `platformOptions`; none when absent. */
  readonly options?: PlatformOptions;
}

export interface PlatformDefinition<S extends CredentialSchema, C extends PlatformClient> {
  name: string;
  title: string;
  credentials: S;
  endpoints(baseUrl: string): PlatformEndpoints;
  /** The client class: what its prototype implements is what the platform can do. */
  client: abstract new (...args: never[]) => C;
  clientFor(connection: PlatformConnection): C;
  webhookSignature?: string;
  options?: PlatformOptions;
}

/** A descriptor whose capabilities come from its client class, so they cannot drift from what the adapter does. */
export function definePlatform<const S extends CredentialSchema, C extends PlatformClient>(definition: PlatformDefinition<S, C>): PlatformDescriptor {
  const capabilities = capabilitiesOf(definition.client.prototype as Partial<PlatformClient>);
  if (capabilities.has('readWebhook') !== (definition.webhookSignature !== undefined)) {
    throw new Error(`${definition.name}: webhookSignature describes webhooks, so it is given exactly when the client reads them`);
  }
  return {
    name: definition.name,
    title: definition.title,
    credentials: definition.credentials,
    endpoints: definition.endpoints,
    clientFor: (connection) => definition.clientFor(connection),
    capabilities,
    ...(definition.webhookSignature === undefined ? {} : { webhookSignature: definition.webhookSignature }),
    ...(definition.options === undefined ? {} : { options: definition.options }),
  };
}

/** The optional PlatformClient methods an implementation (a client's prototype) has. */
export function capabilitiesOf(implementation: Partial<PlatformClient>): ReadonlySet<PlatformCapability> {
  return new Set(PLATFORM_CAPABILITIES.filter((capability) => typeof implementation[capability] === 'function'));
}

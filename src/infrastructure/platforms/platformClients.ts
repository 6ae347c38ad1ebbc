import { InvalidValueError } from '../../domain/shared/errors.js';
import {
  PlatformRequestError,
  type PlatformClient,
  type PlatformClients,
  type PlatformConnection,
} from '../../application/ports/platformClient.js';
import { cartumClientFor } from './cartum/index.js';
import { keycrmClientFor } from './keycrm/index.js';
import { SHOPIFY_OPTIONS, shopifyClientFor } from './shopify/index.js';
import { woocommerceClientFor } from './woocommerce/index.js';

type ClientFactory = (connection: PlatformConnection) => PlatformClient;
/** The options a platform declares, each with the check that says why a value will not do. */
type PlatformOptions = Readonly<Record<string, (value: unknown) => string | undefined>>;

const OPTIONS: Partial<Record<PlatformConnection['platform'], PlatformOptions>> = { shopify: SHOPIFY_OPTIONS };

/** One anti-corruption adapter per platform; a platform without one says so instead of pretending. */
export class PlatformAdapters implements PlatformClients {
  constructor(private readonly factories: Partial<Record<PlatformConnection['platform'], ClientFactory>> = { cartum: cartumClientFor, keycrm: keycrmClientFor, shopify: shopifyClientFor, woocommerce: woocommerceClientFor }) {}

  clientFor(connection: PlatformConnection): PlatformClient {
    const factory = this.factories[connection.platform];
    if (!factory) {
      throw new PlatformRequestError(connection.platform, 501, `synchub has no ${connection.platform} adapter yet; orders cannot be imported from it`);
    }
    return factory(connection);
  }

  validOptions(platform: PlatformConnection['platform'], options: Record<string, unknown>): Record<string, string> {
    const declared = OPTIONS[platform] ?? {};
    for (const [name, value] of Object.entries(options)) {
      const check = Object.hasOwn(declared, name) ? declared[name] : undefined;
      const known = Object.keys(declared);
      if (!check) throw new InvalidValueError(`platformOptions.${name}`, `is not a ${platform} option (${known.length ? `expected ${known.join(', ')}` : `${platform} has none`})`);
      const problem = check(value);
      if (problem) throw new InvalidValueError(`platformOptions.${name}`, problem);
    }
    return options as Record<string, string>;
  }
}

import {
  PlatformRequestError,
  type PlatformClient,
  type PlatformClients,
  type PlatformConnection,
} from '../../application/ports/platformClient.js';
import { cartumClientFor } from './cartum/index.js';
import { keycrmClientFor } from './keycrm/index.js';
import { shopifyClientFor } from './shopify/index.js';
import { woocommerceClientFor } from './woocommerce/index.js';

type ClientFactory = (connection: PlatformConnection) => PlatformClient;

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
}

// The platforms synchub connects to: one descriptor each, from its own folder. A new platform is one more line here.
import { cartumPlatform } from './cartum/index.js';
import { keycrmPlatform } from './keycrm/index.js';
import type { PlatformDescriptor } from './platformDescriptor.js';
import { shopifyPlatform } from './shopify/index.js';
import { woocommercePlatform } from './woocommerce/index.js';

export const PLATFORM_REGISTRY: readonly PlatformDescriptor[] = [keycrmPlatform, cartumPlatform, woocommercePlatform, shopifyPlatform];

/** The names a store can be connected with, in the registry's order. */
export const PLATFORM_NAMES: readonly string[] = PLATFORM_REGISTRY.map((platform) => platform.name);

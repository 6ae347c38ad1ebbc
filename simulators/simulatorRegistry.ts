// The simulators `npm run simulator` can start, in the order its usage lists them. A new one is one more line here.
import { cartumSimulatorEntry } from './cartum/index.js';
import { keycrmSimulatorEntry } from './keycrm/index.js';
import type { SimulatorEntry } from './shared/simulatorEntry.js';
import { shopifySimulatorEntry } from './shopify/index.js';
import { wooCommerceSimulatorEntry } from './woocommerce/index.js';

export const SIMULATORS: readonly SimulatorEntry[] = [keycrmSimulatorEntry, cartumSimulatorEntry, wooCommerceSimulatorEntry, shopifySimulatorEntry];

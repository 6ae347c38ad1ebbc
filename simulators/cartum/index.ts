// The simulator's public face: start one, seed it, and its entry for the simulator CLI.
export { startCartumSimulator } from './cartumSimulator.js';
export type { CartumSimulator, CartumSimulatorOptions, CartumStatusChange, CartumRequestRecord, CartumInjectedFailure } from './cartumSimulator.js';
export { seedCartumOrders, type CartumSeedOptions } from './cartumSeed.js';
export type { CartumOrderRecord, CartumOrderLineRecord } from './cartumOrderRecord.js';
export type { CartumOrderStore, RawCartumOrder } from './cartumOrderStore.js';
export type { CartumStatusRecord } from './cartumSimulatorAccount.js';
export { cartumSimulatorEntry } from './cartumSimulatorEntry.js';

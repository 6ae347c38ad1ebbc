// The simulator's public face: start one, seed it, and its entry for the simulator CLI.
export { startKeycrmSimulator } from './keycrmSimulator.js';
export type { KeycrmSimulator, KeycrmSimulatorOptions, KeycrmFailureMode, KeycrmInjectedFailure, KeycrmStatusChange, KeycrmShippingWrite, KeycrmRequestRecord } from './keycrmSimulator.js';
export { seedKeycrmOrders, type KeycrmSeedOptions } from './keycrmSeed.js';
export type { KeycrmOrderRecord } from './keycrmOrderRecord.js';
export type { KeycrmOrderStore, RawKeycrmOrder } from './keycrmOrderStore.js';
export { KeycrmHostileMode, type KeycrmHostileOptions, type KeycrmSabotage } from './keycrmHostileMode.js';
export { keycrmSimulatorEntry } from './keycrmSimulatorEntry.js';

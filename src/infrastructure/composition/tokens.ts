/** Service identifiers of the composition root; application code never sees them. */
export const TOKENS = {
  Synchub: Symbol.for('synchub.Synchub'),
} as const;

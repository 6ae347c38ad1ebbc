/** Service identifiers of the composition root; application code never sees them. */
export const TOKENS = {
  Config: Symbol.for('synchub.Config'),
  Logger: Symbol.for('synchub.Logger'),
  Storage: Symbol.for('synchub.Storage'),
  EventStore: Symbol.for('synchub.EventStore'),
  ReadModels: Symbol.for('synchub.ReadModels'),
  ProjectionRunners: Symbol.for('synchub.ProjectionRunners'),
  Secrets: Symbol.for('synchub.Secrets'),
  PlatformClients: Symbol.for('synchub.PlatformClients'),
  Scheduler: Symbol.for('synchub.Scheduler'),
  AutomationControls: Symbol.for('synchub.AutomationControls'),
} as const;

import type { ImportDependencies } from '../import/importDependencies.js';
import type { PlatformCapability } from '../ports/platformClient.js';

/** What a running automation can do besides its work: tell people, keep its lock, notice a stop. */
export interface AutomationContext {
  deps: ImportDependencies;
  integrationId: string;
  log(level: 'info' | 'error', message: string): Promise<void>;
  progress(percent: number): Promise<void>;
  /**
   * Aborted once an operator asks the run to stop or the process is shutting down: the automation checks it at every
   * page or batch boundary and hands it to its platform client, whose waits then end at once.
   */
  signal: AbortSignal;
}

/** What a unit of an automation's work tells people (problems for the run's log, items done for its progress), and its stop. */
export interface RunReporting {
  log(message: string): Promise<void>;
  progress(done: number): Promise<void>;
  signal?: AbortSignal;
}

export interface AutomationDefinition {
  name: string;
  title: string;
  /** Default pause between runs; null for a one-off automation started by hand. */
  defaultIntervalMs: number | null;
  /** What the platform's client must be able to do beyond importing orders and writing statuses; absent when nothing more. */
  needs?: PlatformCapability;
  run(context: AutomationContext): Promise<Record<string, number>>;
}

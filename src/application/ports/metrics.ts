// The metrics port: facts the application reports for monitoring. An adapter turns them into series; tests may ignore them.

export interface SyncRunEnded {
  integrationId: string;
  outcome: 'succeeded' | 'failed' | 'stopped';
  /** Orders of the run by outcome, as the run recorded them (a failed run counts what it did before failing). */
  imported: number;
  rejected: number;
  /** From the run's start to its end, when the start is known. */
  durationSeconds?: number;
}

export interface AutomationRunEnded {
  integrationId: string;
  automation: string;
  outcome: 'succeeded' | 'failed' | 'stopped';
}

export interface Metrics {
  syncRunEnded(run: SyncRunEnded): void;
  automationRunEnded(run: AutomationRunEnded): void;
}

/** For code paths that run without monitoring. */
export const noMetrics: Metrics = {
  syncRunEnded: () => undefined,
  automationRunEnded: () => undefined,
};

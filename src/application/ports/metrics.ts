// The metrics port: facts the application reports for monitoring. An adapter turns them into series; tests may ignore them.

export interface SyncRunEnded {
  integrationId: string;
  outcome: 'succeeded' | 'failed' | 'stopped';
  /** From the run's start to its end, when the start is known. */
  durationSeconds?: number;
}

/** Orders a sync run (a polled window or a day's webhook intake) recorded the outcome of, as it recorded them. */
export interface OrdersProcessed {
  integrationId: string;
  imported: number;
  rejected: number;
}

export interface AutomationRunEnded {
  integrationId: string;
  automation: string;
  outcome: 'succeeded' | 'failed' | 'stopped';
}

export interface Metrics {
  ordersProcessed(orders: OrdersProcessed): void;
  syncRunEnded(run: SyncRunEnded): void;
  automationRunEnded(run: AutomationRunEnded): void;
}

/** For code paths that run without monitoring. */
export const noMetrics: Metrics = {
  ordersProcessed: () => undefined,
  syncRunEnded: () => undefined,
  automationRunEnded: () => undefined,
};

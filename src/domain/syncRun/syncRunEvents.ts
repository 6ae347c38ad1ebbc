import type { DomainEvent } from '../shared/decider.js';

export type OrderOutcome = 'imported' | 'updated' | 'unchanged' | 'rejected' | 'skipped';

export interface OrderOutcomeRecord {
  externalId: string;
  outcome: OrderOutcome;
  orderId?: string;
  /** Why the order was rejected or skipped, readable by a person. */
  reason?: string;
}

export type SyncCounts = Record<OrderOutcome, number>;

/** The process running a sync run: a run whose process is gone is closed when a process starts. */
export interface RunOwner {
  host: string;
  pid: number;
  /** One per process start: a new process that got the same pid is not the owner. */
  instance: string;
}

/**
 * `kind` 'webhook-intake': the report of one day's webhook deliveries of an integration, open ("receiving") while
 * they arrive; absent for a run that reads a window of the platform.
 */
export type SyncRunStarted = DomainEvent<
  'SyncRunStarted',
  { runId: string; integrationId: string; trigger: string; window: { from: string; to: string }; startedAt: string; kind?: 'webhook-intake'; owner?: RunOwner }
>;
/** Outcomes of a page of orders, recorded together once the page is done. */
export type SyncRunOrdersProcessed = DomainEvent<'SyncRunOrdersProcessed', { outcomes: OrderOutcomeRecord[] }>;
export type SyncRunFinished = DomainEvent<'SyncRunFinished', { integrationId: string; counts: SyncCounts; finishedAt: string }>;
export type SyncRunFailed = DomainEvent<'SyncRunFailed', { integrationId: string; error: string; counts: SyncCounts; failedAt: string }>;

/** Ended early because someone asked it to stop: the counts so far stand, the cursor stays where the last whole window ended. */
export type SyncRunStopped = DomainEvent<'SyncRunStopped', { integrationId: string; counts: SyncCounts; stoppedAt: string }>;

export type SyncRunEvent = SyncRunStarted | SyncRunOrdersProcessed | SyncRunFinished | SyncRunFailed | SyncRunStopped;

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

export type SyncRunStarted = DomainEvent<
  'SyncRunStarted',
  { runId: string; integrationId: string; trigger: string; window: { from: string; to: string }; startedAt: string; owner?: RunOwner }
>;
/** Outcomes of a page of orders, recorded together once the page is done. */
export type SyncRunOrdersProcessed = DomainEvent<'SyncRunOrdersProcessed', { outcomes: OrderOutcomeRecord[] }>;
export type SyncRunFinished = DomainEvent<'SyncRunFinished', { integrationId: string; counts: SyncCounts; finishedAt: string }>;
export type SyncRunFailed = DomainEvent<'SyncRunFailed', { integrationId: string; error: string; counts: SyncCounts; failedAt: string }>;

export type SyncRunEvent = SyncRunStarted | SyncRunOrdersProcessed | SyncRunFinished | SyncRunFailed;

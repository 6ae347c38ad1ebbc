import type { DomainEvent } from '../shared/decider.js';

export type AutomationRunStarted = DomainEvent<
  'AutomationRunStarted',
  { runId: string; integrationId: string; automation: string; trigger: string; startedAt: string }
>;
/** One line of the run's log: an update or an error a person reads. */
export type AutomationRunLogged = DomainEvent<'AutomationRunLogged', { level: 'info' | 'error'; message: string; at: string }>;
export type AutomationStopRequested = DomainEvent<'AutomationStopRequested', { by: string; at: string }>;
export type AutomationRunFinished = DomainEvent<
  'AutomationRunFinished',
  {
    integrationId: string;
    automation: string;
    outcome: 'succeeded' | 'failed' | 'stopped';
    counts: Record<string, number>;
    error: string | null;
    finishedAt: string;
    /** Set when the platform was unavailable: the automation backs off and runs again no sooner than this (since schema v2; v1 is upcast with null). */
    retryNotBefore: string | null;
  }
>;

export type AutomationRunEvent = AutomationRunStarted | AutomationRunLogged | AutomationStopRequested | AutomationRunFinished;

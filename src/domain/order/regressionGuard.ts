// Once an order is invoiced, a platform update may not move it back (to open, in separation, cancelled…); the refusal is kept.
import type { StatusRegressionRefused } from './orderEvents.js';

/** Local statuses an invoiced order may not be moved back to by a platform update. */
export interface RegressionGuard {
  invoiced: string[];
  cannotReturnTo: string[];
}

/** Whether the guard forbids the platform to move an order with this status history to `to`. */
export function regressionForbidden(statusHistory: readonly string[], to: string, guard: RegressionGuard | undefined): boolean {
  if (!guard) return false;
  const wasInvoiced = statusHistory.some((status) => guard.invoiced.includes(status));
  return wasInvoiced && guard.cannotReturnTo.includes(to);
}

/** The refusal recorded in the order's feed instead of the move back. */
export function regressionRefused(from: string, to: string, platformStatus: string, at: string): StatusRegressionRefused {
  return {
    type: 'StatusRegressionRefused',
    data: { from, to, platformStatus, reason: `The order was invoiced; a platform update may not move it back to ${to}`, at },
  };
}

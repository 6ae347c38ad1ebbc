// Whether a platform's refusal can ever succeed if tried again: the one rule every adapter, push and run follows.

/**
 * `permanent`: the same request will be refused every time (an unsupported transition, a status nobody mapped, a
 * 4xx about the request itself): retrying only hides the reason, so the work ends at once and says why.
 * `transient`: the platform may take it later (5xx, no answer, 429, 408, 409, and 401, see below): it is retried
 * with growing pauses.
 */
export type PlatformFailureKind = 'permanent' | 'transient';

/** The platform answered, but too slowly, too often or while busy: the same request may succeed later. */
const TRANSIENT_STATUSES = new Set([408, 409, 425, 429]);

/**
 * The kind of a failure by the platform's HTTP status; `undefined` (no answer at all: a network error, a timeout)
 * is transient, and `0` (synchub itself found the request impossible before sending it) is permanent.
 *
 * 401 is transient: it says the integration's credentials were refused, not that this change is wrong. An admin
 * replaces the key and every change waiting meanwhile goes through; ending them would lose each one of them.
 * (A run still fails on a 401: every other request of the run would be refused the same way.)
 */
export function platformFailureKind(status: number | undefined): PlatformFailureKind {
  if (status === undefined) return 'transient';
  if (status === 0) return 'permanent';
  if (status >= 500 || status === 401 || TRANSIENT_STATUSES.has(status)) return 'transient';
  return status >= 400 ? 'permanent' : 'transient';
}

/** The answers worth repeating within the same request, after a short pause: the platform may take it in seconds. */
export function retriedAtOnce(status: number): boolean {
  return status >= 500 || TRANSIENT_STATUSES.has(status);
}

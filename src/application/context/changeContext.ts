import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Where a change came from: a person or client of the API, a platform (import), a job, or a platform's webhook. */
export type ChangeSource = 'local' | 'platform' | 'automation' | 'webhook';

/** Who made a change and why: every event appended while it is current is stamped with it. */
export interface ChangeContext {
  /** `token:<id>`, `automation:<name>` or `system`. */
  readonly actor: string;
  readonly source: ChangeSource;
  /** Shared by every event of one HTTP request, one sync run or one job run. */
  readonly correlationId: string;
  /** The request, command or event that caused the change; null when nothing recorded did. */
  readonly causationId: string | null;
}

export const SYSTEM_ACTOR = 'system';
export const tokenActor = (tokenId: string) => `token:${tokenId}`;
export const automationActor = (automation: string) => `automation:${automation}`;

// Ambient, so use cases keep their signatures and the domain never hears of it.
const ambient = new AsyncLocalStorage<ChangeContext>();

/** Runs `work` (and everything it starts) with `context` as the current change context. */
export function withChangeContext<T>(context: ChangeContext, work: () => T): T {
  return ambient.run(context, work);
}

export function currentChangeContext(): ChangeContext | undefined {
  return ambient.getStore();
}

/** The current context, or one of its own for a change nothing opened a context for (startup, scripts). */
export function changeContextOrSystem(): ChangeContext {
  return currentChangeContext() ?? { actor: SYSTEM_ACTOR, source: 'local', correlationId: randomUUID(), causationId: null };
}

/**
 * A unit of work of its own (a sync run, a job run) inside whatever is current: the actor is kept unless given,
 * the correlation id is the unit's own.
 */
export function childChangeContext(changes: Partial<ChangeContext> & Pick<ChangeContext, 'correlationId' | 'source'>): ChangeContext {
  const parent = currentChangeContext();
  // Copied field by field: the HTTP context reads its actor lazily, a child keeps the value it has now.
  return {
    actor: changes.actor ?? parent?.actor ?? SYSTEM_ACTOR,
    source: changes.source,
    correlationId: changes.correlationId,
    causationId: changes.causationId !== undefined ? changes.causationId : (parent?.causationId ?? null),
  };
}

// Echo suppression (no status ping-pong): synchub recognises the platform's report of its own write and never pushes it back.
import type { StatusChanged, StatusPushed } from './orderEvents.js';
import type { OrderState, PendingPush } from './orderState.js';

type ExistingOrder = OrderState & { exists: true };

/**
 * The push a status change leaves waiting: only a local change of an imported order is pushed; a change the platform
 * reported is the platform's own and is never pushed back to it.
 */
export function pushAfterStatusChange(order: ExistingOrder, change: StatusChanged['data']): PendingPush | null {
  const madeLocally = change.source === 'local' && order.source === 'integration';
  return madeLocally ? { status: change.to, attempts: 0, lastError: null, nextAttemptAt: null } : order.pendingPush;
}

/**
 * Once pushed, the pushed status is the platform's status as far as the order knows: the platform reporting it
 * afterwards is our own echo, not a move of the platform.
 */
export function afterStatusPushed(order: ExistingOrder, pushed: StatusPushed['data']): Pick<ExistingOrder, 'platformStatus' | 'pendingPush'> {
  return { platformStatus: pushed.platformStatus, pendingPush: order.pendingPush?.status === pushed.status ? null : order.pendingPush };
}

/** Whether the platform's status moved since the order last heard of it (from the platform or from our own push). */
export function platformMoved(order: ExistingOrder, incoming: { platformStatus: string }): boolean {
  return incoming.platformStatus !== order.platformStatus;
}

/**
 * Whether the platform's status is to replace the local one: not when they agree (the echo), and not while a local
 * change is still on its way to the platform, since the platform's status predates it.
 */
export function platformStatusApplies(order: ExistingOrder, incoming: { status: string }): boolean {
  return incoming.status !== order.status && !order.pendingPush;
}

/** A push is not written again when the platform shows its target already: our own write, seen again after a crash. */
export function alreadyOnPlatform(platformStatusNow: string | undefined, target: string): boolean {
  return platformStatusNow === target;
}

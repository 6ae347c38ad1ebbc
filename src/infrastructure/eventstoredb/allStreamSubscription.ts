import {
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/eventStore.js';
import { isUserEvent, toReadPosition, toRecordedEvent } from './eventMapping.js';
import { wakeableSleep } from '../polling/wakeableSleep.js';

export interface ResubscribeOptions {
  /** First wait after a drop; doubles per failed attempt, with jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export type SubscribingClient = Pick<EventStoreDBClient, 'subscribeToAll'>;

/** Errors a new subscription would meet again: they end the subscription instead of retrying forever. */
const PERMANENT_ERRORS = new Set(['access-denied', 'invalid-argument', 'unsupported']);

/** Wraps what a new subscription cannot fix (a rejection of onEvents, an event we cannot map), so it ends the subscription. */
class Fatal {
  constructor(readonly cause: unknown) {}
}

interface FollowOutcome {
  /** The server delivered something, so the next resubscribe starts the back-off afresh. */
  healthy: boolean;
  dropped?: unknown;
}

/** What one subscription to $all keeps across the server subscriptions it opens one after another. */
interface Following {
  readonly options: SubscribeOptions;
  readonly batchSize: number;
  /** Position of the last event onEvents took: where a resubscribe starts. */
  lastDelivered: number | undefined;
  stopped: boolean;
  /** The server subscription being read, so stop() can end a read waiting for the next live event. */
  current?: AllStreamSubscription;
  markCaughtUp(): void;
}

/**
 * A catch-up subscription to $all: the server replays from `after`, signals when it has caught up, then goes live.
 * A drop resubscribes from the last delivered position with exponential back-off and jitter.
 */
export function subscribeToAll(client: SubscribingClient, options: SubscribeOptions, retry: ResubscribeOptions): Subscription {
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  const following: Following = { options, batchSize: options.batchSize ?? 500, lastDelivered: options.after, stopped: false, markCaughtUp };
  const { sleep, wake } = wakeableSleep();
  const done = resubscribeUntilStopped(client, following, retry, sleep);
  // Owners observe `done`; this keeps an unobserved failure from crashing the process.
  done.catch(() => undefined);

  return {
    caughtUp,
    done,
    async stop() {
      following.stopped = true;
      wake();
      // Ends a read waiting for the next live event; a batch in flight still finishes first.
      following.current?.destroy();
      await done.catch(() => undefined);
    },
  };
}

/** Opens a server subscription from the last delivered position after every drop, until stopped or refused for good. */
async function resubscribeUntilStopped(
  client: SubscribingClient,
  following: Following,
  retry: ResubscribeOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  try {
    for (let attempt = 0; !following.stopped; ) {
      let outcome: FollowOutcome;
      try {
        following.current = client.subscribeToAll({ fromPosition: toReadPosition(following.lastDelivered), filter: excludeSystemEvents() });
        outcome = await follow(following.current, following);
      } catch (error) {
        if (error instanceof Fatal) throw error.cause;
        outcome = { healthy: false, dropped: error };
      }
      if (following.stopped) break;
      if (isPermanent(outcome.dropped)) throw outcome.dropped;
      // A subscription that delivered starts the back-off afresh: the first wait is always about initialDelayMs.
      if (outcome.healthy) attempt = 0;
      await sleep(backoffDelay(attempt++, retry));
    }
  } finally {
    following.stopped = true;
    following.markCaughtUp();
  }
}

/** Reads one server subscription until it ends or drops, in batches to onEvents; fatal errors propagate. */
async function follow(subscription: AllStreamSubscription, following: Following): Promise<FollowOutcome> {
  let healthy = false;
  let signalled = false;
  let handling = false;
  let batch: RecordedEvent[] = [];
  // Also skips a repeat of the last delivered event, should the server ever resend it.
  let cursor = following.lastDelivered;
  const buffered = () => subscription.readableLength ?? 0;
  // Caught up only once everything the server sent before its signal has been handed to onEvents.
  const settleCaughtUp = () => {
    if (signalled && !handling && batch.length === 0 && buffered() === 0) following.markCaughtUp();
  };
  const onCaughtUp = () => {
    healthy = true;
    signalled = true;
    // An event read just before the signal is still in a microtask; after them an idle loop has delivered all.
    setImmediate(settleCaughtUp);
  };
  subscription.on('caughtUp', onCaughtUp);
  try {
    for await (const resolved of subscription) {
      healthy = true;
      const event = toEvent(resolved);
      if (event && (cursor === undefined || event.position > cursor)) {
        batch.push(event);
        cursor = event.position;
      }
      // Deliver what has arrived once the buffer runs dry, so a batch never waits for events that are not there.
      if (batch.length >= following.batchSize || buffered() === 0) {
        const events = batch;
        batch = [];
        if (events.length > 0) {
          handling = true;
          await deliver(following, events).finally(() => (handling = false));
        }
        settleCaughtUp();
      }
      if (following.stopped) break;
    }
    return { healthy };
  } catch (error) {
    if (error instanceof Fatal) throw error;
    return { healthy, dropped: error };
  } finally {
    subscription.off('caughtUp', onCaughtUp);
    await subscription.unsubscribe().catch(() => undefined);
  }
}

async function deliver(following: Following, events: RecordedEvent[]): Promise<void> {
  try {
    await following.options.onEvents(events);
  } catch (error) {
    throw new Fatal(error);
  }
  following.lastDelivered = events[events.length - 1].position;
}

function toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  try {
    return isUserEvent(resolved) ? toRecordedEvent(resolved) : undefined;
  } catch (error) {
    throw new Fatal(error);
  }
}

function isPermanent(error: unknown): boolean {
  return PERMANENT_ERRORS.has((error as { type?: string } | undefined)?.type ?? '');
}

/** Half fixed, half random, so many subscribers dropped together do not come back together. */
export function backoffDelay(attempt: number, retry: ResubscribeOptions): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

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

/**
 * A catch-up subscription to $all: the server replays from `after`, signals when it has caught up, then goes live.
 * A drop resubscribes from the last delivered position with exponential back-off and jitter.
 */
export function subscribeToAll(client: SubscribingClient, options: SubscribeOptions, retry: ResubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? 500;
  let lastDelivered = options.after;
  let stopped = false;
  let current: AllStreamSubscription | undefined;
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const { sleep, wake } = wakeableSleep();

  async function deliver(events: RecordedEvent[]): Promise<void> {
    try {
      await options.onEvents(events);
    } catch (error) {
      throw new Fatal(error);
    }
    lastDelivered = events[events.length - 1].position;
  }

  function toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    try {
      return isUserEvent(resolved) ? toRecordedEvent(resolved) : undefined;
    } catch (error) {
      throw new Fatal(error);
    }
  }

  /** Reads one server subscription until it ends or drops; fatal errors propagate. */
  async function follow(subscription: AllStreamSubscription): Promise<FollowOutcome> {
    let healthy = false;
    let signalled = false;
    let handling = false;
    let batch: RecordedEvent[] = [];
    // Also skips a repeat of the last delivered event, should the server ever resend it.
    let cursor = lastDelivered;
    const buffered = () => subscription.readableLength ?? 0;
    // Caught up only once everything the server sent before its signal has been handed to onEvents.
    const settleCaughtUp = () => {
      if (signalled && !handling && batch.length === 0 && buffered() === 0) markCaughtUp();
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
        if (batch.length >= batchSize || buffered() === 0) {
          const events = batch;
          batch = [];
          if (events.length > 0) {
            handling = true;
            await deliver(events).finally(() => (handling = false));
          }
          settleCaughtUp();
        }
        if (stopped) break;
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

  const done = (async () => {
    try {
      for (let attempt = 0; !stopped; ) {
        let outcome: FollowOutcome;
        try {
          current = client.subscribeToAll({ fromPosition: toReadPosition(lastDelivered), filter: excludeSystemEvents() });
          outcome = await follow(current);
        } catch (error) {
          if (error instanceof Fatal) throw error.cause;
          outcome = { healthy: false, dropped: error };
        }
        if (stopped) break;
        if (isPermanent(outcome.dropped)) throw outcome.dropped;
        // A subscription that delivered starts the back-off afresh: the first wait is always about initialDelayMs.
        if (outcome.healthy) attempt = 0;
        await sleep(backoffDelay(attempt++, retry));
      }
    } finally {
      stopped = true;
      markCaughtUp();
    }
  })();
  // Owners observe `done`; this keeps an unobserved failure from crashing the process.
  done.catch(() => undefined);

  return {
    caughtUp,
    done,
    async stop() {
      stopped = true;
      wake();
      // Ends a read waiting for the next live event; a batch in flight still finishes first.
      current?.destroy();
      await done.catch(() => undefined);
    },
  };
}

function isPermanent(error: unknown): boolean {
  return PERMANENT_ERRORS.has((error as { type?: string } | undefined)?.type ?? '');
}

/** Half fixed, half random, so many subscribers dropped together do not come back together. */
export function backoffDelay(attempt: number, retry: ResubscribeOptions): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
